import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig, PinoNestLogger } from '@qualcert/shared';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const logger = app.get(PinoNestLogger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  // Said at once: the jobs in hand are finished before the process ends, which may take a while.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => logger.log(`worker stopping on ${signal}: finishing the jobs in hand`));
  logger.log('worker ready');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
