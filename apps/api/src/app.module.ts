import { Module } from '@nestjs/common';
import { DatabaseModule } from '@qualcert/database';
import { ConfigModule, LoggingModule } from '@qualcert/shared';
import { StandardsModule } from '@qualcert/standards';
import { HealthModule } from './health/health.module';

@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, HealthModule, StandardsModule],
})
export class AppModule {}
