import { Global, Module } from '@nestjs/common';
import { EvidenceRequests } from '@qualcert/evidence';
import { reopenedSkillIds } from './evidence-requests.reader';

/**
 * Gives the evidence context, below this one, the skills an assessor reopened for more evidence.
 * Global because EvidenceModule cannot import an upper context's module.
 */
@Global()
@Module({
  providers: [{ provide: EvidenceRequests, useValue: { reopenedSkillIds } }],
  exports: [EvidenceRequests],
})
export class EvidenceRequestsModule {}
