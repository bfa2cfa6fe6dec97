import { Global, Module } from '@nestjs/common';
import { AssessmentWithdrawal } from '@qualcert/candidates';
import { endAssessmentOnWithdrawal } from './withdrawal.repository';

/**
 * Gives the candidates context, below this one, the assessment's side of a withdrawal. Global
 * because CandidatesModule cannot import an upper context's module.
 */
@Global()
@Module({
  providers: [{ provide: AssessmentWithdrawal, useValue: { end: endAssessmentOnWithdrawal } }],
  exports: [AssessmentWithdrawal],
})
export class AssessmentWithdrawalModule {}
