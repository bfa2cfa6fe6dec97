import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { QUEUES, workerOptions } from '@qualcert/shared';
import { CertificatesService, IssueOutcome } from './certificates.service';

/** Issues the certificate of an approved awarding decision. */
@Processor(QUEUES.certificates, workerOptions())
export class CertificateProcessor extends WorkerHost {
  constructor(private readonly certificates: CertificatesService) {
    super();
  }

  async process(job: Job<{ decisionId: string }>): Promise<IssueOutcome | number> {
    if (job.name === EXPIRE_JOB) return this.certificates.expireDue();
    return this.certificates.issue(job.data.decisionId);
  }
}

export const EXPIRE_JOB = 'expire-certificates';

/** Registers the hourly expiry run with BullMQ's job scheduler (one schedule, however many workers). */
@Injectable()
export class CertificateExpiryScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.certificates) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(EXPIRE_JOB, { every: 60 * 60 * 1000 }, { name: EXPIRE_JOB });
  }
}
