import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { applyRoutePrefix, buildApiDocument } from './app.setup';

/**
 * Writes the API's OpenAPI document (to the path given, or stdout) without a database or Redis:
 * in preview mode Nest reads the modules' metadata and instantiates nothing, so a clean clone can
 * generate the portal's API types right after `tsc`.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  applyRoutePrefix(app);
  // The server named in the document does not reach the generated types; the default keeps the
  // output the same whatever the environment says.
  const document = JSON.stringify(buildApiDocument(app, 'http://127.0.0.1:3000'), null, 2);
  const target = process.argv[2];
  if (target) writeFileSync(target, document);
  else process.stdout.write(document);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
