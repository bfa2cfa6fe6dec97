import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueModule, QUEUES } from '@qualcert/shared';
import { MetricsController } from './metrics.controller';
import { QueueMetricsService } from './queue-metrics.service';

@Module({
  imports: [QueueModule, BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })))],
  controllers: [MetricsController],
  providers: [QueueMetricsService],
})
export class MetricsModule {}
