import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { CandidatesWorkerModule } from '@qualcert/candidates';
import { DatabaseModule } from '@qualcert/database';
import { AuditModule, ConfigModule, LoggingModule, OutboxRelayService, QueueModule, QUEUES } from '@qualcert/shared';
import { SystemProcessor } from './system.processor';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    AuditModule,
    BullModule.registerQueue({ name: QUEUES.system }),
    CandidatesWorkerModule,
  ],
  providers: [SystemProcessor, OutboxRelayService],
})
export class WorkerModule {}
