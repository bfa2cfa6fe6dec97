import { Global, Module } from '@nestjs/common';
import { AssessmentWithdrawal, ProgramOffer } from '@qualcert/candidates';
import { offeredAdditionalFunctions } from '../programs/program-terms.repository';
import { endAssessmentOnWithdrawal } from './withdrawal.repository';

/**
 * Gives the candidates context, below this one, the assessment's side of a withdrawal and what a
 * centre's program offers. Global because CandidatesModule cannot import an upper context's module.
 */
@Global()
@Module({
  providers: [
    { provide: AssessmentWithdrawal, useValue: { end: endAssessmentOnWithdrawal } },
    { provide: ProgramOffer, useValue: { offeredFunctions: offeredAdditionalFunctions } },
  ],
  exports: [AssessmentWithdrawal, ProgramOffer],
})
export class AssessmentWithdrawalModule {}
