import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QUEUES } from '@qualcert/shared';
import { CertificatesService, IssueOutcome } from './certificates.service';

/** Issues the certificate of an approved awarding decision. */
@Processor(QUEUES.certificates)
export class CertificateProcessor extends WorkerHost {
  constructor(private readonly certificates: CertificatesService) {
    super();
  }

  process(job: Job<{ decisionId: string }>): Promise<IssueOutcome> {
    return this.certificates.issue(job.data.decisionId);
  }
}
