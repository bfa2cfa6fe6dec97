import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AssessmentModule } from '@qualcert/assessment';
import { DatabaseModule } from '@qualcert/database';
import { IdentityModule } from '@qualcert/identity';
import { AuditModule, ConfigModule, LoggingModule, RequestContextMiddleware } from '@qualcert/shared';
import { StandardsModule } from '@qualcert/standards';
import { HealthModule } from './health/health.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    AuditModule,
    IdentityModule,
    HealthModule,
    StandardsModule,
    AssessmentModule,
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('{*path}');
  }
}
