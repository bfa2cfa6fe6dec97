import { Processor, WorkerHost, OnWorkerEvent } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JOBS, type JobHandlers, QUEUES, runJob, workerOptions } from '@qualcert/shared';

export interface PingResult {
  worker: number;
  databaseTime: string;
}

/**
 * Housekeeping jobs. `ping` proves end to end that a job put on the queue is taken by a worker
 * that reaches the database; operators use it after a deployment.
 */
@Processor(QUEUES.system, workerOptions())
export class SystemProcessor extends WorkerHost {
  private readonly logger = new Logger(SystemProcessor.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private readonly handlers: JobHandlers<'system', PingResult> = {
    [JOBS.system.ping]: async () => {
      const rows: { now: Date }[] = await this.dataSource.query('SELECT now() AS now');
      return { worker: process.pid, databaseTime: rows[0].now.toISOString() };
    },
  };

  process(job: Job): Promise<PingResult> {
    return runJob(this.handlers, job);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job, error: Error): void {
    this.logger.warn({ jobId: job.id, name: job.name, attempts: job.attemptsMade, err: error.message }, 'job failed');
  }
}
