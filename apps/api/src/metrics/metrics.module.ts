import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ALL_QUEUES, QueueModule } from '@qualcert/shared';
import { MetricsController } from './metrics.controller';
import { QueueMetricsService } from './queue-metrics.service';

@Module({
  imports: [QueueModule, BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name })))],
  controllers: [MetricsController],
  providers: [QueueMetricsService],
})
export class MetricsModule {}
