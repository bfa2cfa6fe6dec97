import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { ProgressRepository, ProgressService } from '@qualcert/assessment';
import { QUEUES } from '@qualcert/shared';
import { CardOutlineModule } from '@qualcert/standards';
import { CreditHistoryModule } from './credits/credit-history.module';
import { DecisionProcessor } from './decisions/decision.processor';
import { AppealsRepository } from './appeals/appeals.repository';
import { DecisionsRepository } from './decisions/decisions.repository';
import { DecisionsService } from './decisions/decisions.service';

/** The decisions context's queue processor, for the worker process. */
@Module({
  imports: [
    IdentityModule,
    CardOutlineModule,
    CreditHistoryModule,
    BullModule.registerQueue({ name: QUEUES.decisions }),
  ],
  providers: [
    DecisionsRepository,
    AppealsRepository,
    DecisionsService,
    ProgressRepository,
    ProgressService,
    DecisionProcessor,
  ],
  exports: [BullModule, DecisionsService],
})
export class DecisionsWorkerModule {}
