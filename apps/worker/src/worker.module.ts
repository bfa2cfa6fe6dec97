import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AssessmentWorkerModule } from '@qualcert/assessment';
import { CandidatesWorkerModule } from '@qualcert/candidates';
import { DatabaseModule } from '@qualcert/database';
import { DecisionsWorkerModule } from '@qualcert/decisions';
import {
  AuditModule,
  ConfigModule,
  LoggingModule,
  OutboxModule,
  OutboxRelayService,
  QueueModule,
  QUEUES,
} from '@qualcert/shared';
import { SystemProcessor } from './system.processor';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    AuditModule,
    OutboxModule,
    BullModule.registerQueue({ name: QUEUES.system }),
    // Filled by the outbox for certificate issuance, which processes it.
    BullModule.registerQueue({ name: QUEUES.certificates }),
    CandidatesWorkerModule,
    AssessmentWorkerModule,
    DecisionsWorkerModule,
  ],
  providers: [SystemProcessor, OutboxRelayService],
})
export class WorkerModule {}
