import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { warmCertificateRenderer } from '@qualcert/certificates';
import { loadConfig, PinoNestLogger } from '@qualcert/shared';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  loadConfig();
  // Before any queue is read: the first render loads pdfkit and the fonts and warms the layout (about
  // half a second of CPU), which a job would otherwise pay while its lock must be renewed (docs/PERFORMANCE.md).
  // A renderer that cannot start fails each certificate's job, which says so there; the other queues go on.
  await warmCertificateRenderer().catch((error: unknown) =>
    process.stderr.write(
      `certificate PDF renderer did not start: ${error instanceof Error ? error.message : String(error)}\n`,
    ),
  );
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
