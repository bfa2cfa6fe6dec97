import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { DatabaseModule } from '@qualcert/database';
import { ConfigModule, LoggingModule, QueueModule, QUEUES } from '@qualcert/shared';
import { SystemProcessor } from './system.processor';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    BullModule.registerQueue({ name: QUEUES.system }),
  ],
  providers: [SystemProcessor],
})
export class WorkerModule {}
