import { Module } from '@nestjs/common';
import { AssessmentModule } from '@qualcert/assessment';
import { CentresModule } from '@qualcert/centres';
import { DatabaseModule } from '@qualcert/database';
import { CreditHistoryModule } from '@qualcert/decisions';
import { IdentityModule } from '@qualcert/identity';
import { AuditModule, ConfigModule, OutboxModule } from '@qualcert/shared';
import { StandardsModule } from '@qualcert/standards';

/** What the command-line tools need: configuration, the database and the services they drive. */
@Module({ imports: [ConfigModule, DatabaseModule, AuditModule, StandardsModule] })
export class CliModule {}

@Module({ imports: [ConfigModule, DatabaseModule, AuditModule, IdentityModule] })
export class AdminCliModule {}

// The assessment's progress reads earlier credits through the decisions context's CreditHistory.
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    AuditModule,
    OutboxModule,
    IdentityModule,
    CentresModule,
    AssessmentModule,
    CreditHistoryModule,
  ],
})
export class DemoCliModule {}
