import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JOBS, type JobHandlers, QUEUES, runJob, workerOptions } from '@qualcert/shared';
import { warmCertificateRenderer } from '../pdf/certificate-pdf';
import { CertificateIssuer, IssueOutcome } from './certificate-issuer';

/** Issues the certificate of an approved awarding decision. */
@Processor(QUEUES.certificates, workerOptions())
export class CertificateProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(CertificateProcessor.name);

  constructor(private readonly issuer: CertificateIssuer) {
    super();
  }

  /** The PDF renderer is made ready before the worker says it is, not by its first certificate. */
  async onApplicationBootstrap(): Promise<void> {
    // A renderer that cannot start fails each certificate's job, which says so there; the other queues go on.
    await warmCertificateRenderer().catch((error: unknown) =>
      this.logger.error(
        `certificate PDF renderer did not start: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
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
