import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { AssessmentWorkerModule } from '@qualcert/assessment';
import { CandidatesWorkerModule } from '@qualcert/candidates';
import { CertificatesWorkerModule } from '@qualcert/certificates';
import { DatabaseModule } from '@qualcert/database';
import { DecisionsWorkerModule } from '@qualcert/decisions';
import { NotificationsWorkerModule } from '@qualcert/notifications';
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
import { WorkerMetricsService } from './worker-metrics.service';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DiscoveryModule,
    DatabaseModule,
    QueueModule,
    AuditModule,
    OutboxModule,
    BullModule.registerQueue({ name: QUEUES.system }),
    CandidatesWorkerModule,
    AssessmentWorkerModule,
    DecisionsWorkerModule,
    NotificationsWorkerModule,
    CertificatesWorkerModule,
  ],
  providers: [SystemProcessor, OutboxRelayService, WorkerMetricsService],
})
export class WorkerModule {}
