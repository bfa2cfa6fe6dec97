import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ALL_QUEUES, metricsRegistry, scrapedGauge } from '@qualcert/shared';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;

/**
 * Gauges read at scrape time: every queue's jobs by state, and the outbox's lag (events written
 * but not yet on their queue, and the age of the oldest). A lag that grows means the relay, or
 * Redis, is not keeping up.
 */
@Injectable()
export class QueueMetricsService implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const queues = ALL_QUEUES.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    // A process that builds the app twice (the tests) replaces the gauges rather than failing.
    for (const name of ['qualcert_queue_jobs', 'qualcert_outbox_pending_events', 'qualcert_outbox_lag_seconds'])
      metricsRegistry.removeSingleMetric(name);
    scrapedGauge('qualcert_queue_jobs', 'Jobs in each queue by state', ['queue', 'state'], async (gauge) => {
      for (const queue of queues) {
        const counts = await queue.getJobCounts(...STATES);
        for (const state of STATES) gauge.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    });
    const outbox = async () => {
      const [row] = await this.dataSource.query<{ pending: number; lag: number | null }[]>(
        `SELECT COUNT(*)::int AS pending, EXTRACT(EPOCH FROM now() - MIN(created_at))::float AS lag
           FROM outbox_event WHERE dispatched_at IS NULL`,
      );
      return row;
    };
    scrapedGauge(
      'qualcert_outbox_pending_events',
      'Outbox events not yet relayed to their queue',
      [],
      async (gauge) => {
        gauge.set((await outbox()).pending);
      },
    );
    scrapedGauge(
      'qualcert_outbox_lag_seconds',
      'Age of the oldest outbox event not yet relayed (0 when none)',
      [],
      async (gauge) => {
        gauge.set((await outbox()).lag ?? 0);
      },
    );
  }
}
