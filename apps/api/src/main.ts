import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, readStorageConfig } from '@qualcert/shared';
import { AppModule } from './app.module';
import { configureApp, createHttpAdapter, NEST_APP_OPTIONS } from './app.setup';

async function bootstrap(): Promise<void> {
  // Fail before anything connects when the environment is wrong.
  const config = loadConfig();
  readStorageConfig(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(config), NEST_APP_OPTIONS);
  await configureApp(app);
  await listen(app, config.PORT);
  new Logger('Main').log(`listening on :${config.PORT}`);
}

/** Every interface, as Node's own default: IPv6 with IPv4 beside it, or IPv4 alone where IPv6 is off. */
async function listen(app: NestFastifyApplication, port: number): Promise<void> {
  try {
    await app.listen(port, '::');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAFNOSUPPORT') throw error;
    await app.listen(port, '0.0.0.0');
  }
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
