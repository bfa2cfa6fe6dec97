import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AssessmentWorkerModule } from '@qualcert/assessment';
import { CandidatesWorkerModule } from '@qualcert/candidates';
import { CertificatesWorkerModule } from '@qualcert/certificates';
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
    CandidatesWorkerModule,
    AssessmentWorkerModule,
    DecisionsWorkerModule,
    CertificatesWorkerModule,
  ],
  providers: [SystemProcessor, OutboxRelayService],
})
export class WorkerModule {}
