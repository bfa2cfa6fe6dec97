import { Global, Module } from '@nestjs/common';
import { DecisionHistory } from '@qualcert/candidates';
import { notAwardedDecisions } from './decision-history.repository';

/**
 * Gives the candidates context, below this one, the decisions that make a candidate wait before a
 * retake. Global because CandidatesModule cannot import an upper context's module.
 */
@Global()
@Module({
  providers: [{ provide: DecisionHistory, useValue: { notAwarded: notAwardedDecisions } }],
  exports: [DecisionHistory],
})
export class DecisionHistoryModule {}
