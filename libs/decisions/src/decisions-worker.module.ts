import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { ProgressService } from '@qualcert/assessment';
import { QUEUES } from '@qualcert/shared';
import { DecisionProcessor } from './decisions/decision.processor';
import { DecisionsService } from './decisions/decisions.service';

/** The decisions context's queue processor, for the worker process. */
@Module({
  imports: [IdentityModule, BullModule.registerQueue({ name: QUEUES.decisions })],
  providers: [DecisionsService, ProgressService, DecisionProcessor],
  exports: [BullModule, DecisionsService],
})
export class DecisionsWorkerModule {}
