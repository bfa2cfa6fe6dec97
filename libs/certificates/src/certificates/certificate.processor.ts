import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JOBS, type JobHandlers, QUEUES, runJob, workerOptions } from '@qualcert/shared';
import { CertificateIssuer, IssueOutcome } from './certificate-issuer';

/** Issues the certificate of an approved awarding decision. */
@Processor(QUEUES.certificates, workerOptions())
export class CertificateProcessor extends WorkerHost {
  constructor(private readonly issuer: CertificateIssuer) {
    super();
  }

  private readonly handlers: JobHandlers<'certificates', IssueOutcome | number> = {
    [JOBS.certificates.issue]: (job) => this.issuer.issue(job.data.decisionId),
    [JOBS.certificates.expire]: () => this.issuer.expireDue(),
  };

  process(job: Job): Promise<IssueOutcome | number> {
    return runJob(this.handlers, job);
  }
}

/** Registers the hourly expiry run with BullMQ's job scheduler (one schedule, however many workers). */
@Injectable()
export class CertificateExpiryScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.certificates) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const name = JOBS.certificates.expire;
    await this.queue.upsertJobScheduler(name, { every: 60 * 60 * 1000 }, { name });
  }
}
