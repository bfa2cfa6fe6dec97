import { Global, Module } from '@nestjs/common';
import { CreditHistory } from '@qualcert/assessment';
import { creditsOfApplications } from './credit-history.repository';

/**
 * Gives the assessment context, below this one, the skills earlier decisions credited. Global
 * because the assessment's modules cannot import an upper context's module.
 */
@Global()
@Module({
  providers: [{ provide: CreditHistory, useValue: { creditsOf: creditsOfApplications } }],
  exports: [CreditHistory],
})
export class CreditHistoryModule {}
