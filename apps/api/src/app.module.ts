import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AssessmentModule } from '@qualcert/assessment';
import { CandidatesModule } from '@qualcert/candidates';
import { CentresModule } from '@qualcert/centres';
import { CertificatesModule } from '@qualcert/certificates';
import { DatabaseModule } from '@qualcert/database';
import { DecisionsModule } from '@qualcert/decisions';
import { NotificationsModule } from '@qualcert/notifications';
import { EvidenceModule } from '@qualcert/evidence';
import { IdentityModule } from '@qualcert/identity';
import {
  AuditModule,
  ConfigModule,
  ContentTypeGuard,
  LoggingModule,
  OutboxModule,
  RequestContextMiddleware,
} from '@qualcert/shared';
import { StandardsModule } from '@qualcert/standards';
import { HealthModule } from './health/health.module';
import { FailedJobsModule } from './jobs/failed-jobs.module';
import { MetricsModule } from './metrics/metrics.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    AuditModule,
    OutboxModule,
    IdentityModule,
    HealthModule,
    StandardsModule,
    CentresModule,
    AssessmentModule,
    CandidatesModule,
    EvidenceModule,
    DecisionsModule,
    NotificationsModule,
    CertificatesModule,
    FailedJobsModule,
    MetricsModule,
  ],
  providers: [{ provide: APP_GUARD, useClass: ContentTypeGuard }],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('{*path}');
  }
}
