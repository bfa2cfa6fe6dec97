import { INestApplicationContext, Type } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { eventually } from './fixtures';
import { TEST_DATABASE_URL } from '../test-env';

/**
 * A row held FOR UPDATE from a connection of the test's own: computations started meanwhile queue
 * behind it on PostgreSQL's lock, and all start together when it is released. This is how two
 * workers that picked up the same work at the same moment are made to race, every run.
 */
export class HeldRow {
  private constructor(private readonly client: Client) {}

  static async hold(table: string, id: string): Promise<HeldRow> {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query('BEGIN');
    const { rowCount } = await client.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    if (rowCount !== 1) {
      await client.end();
      throw new Error(`no ${table} row ${id} to hold`);
    }
    return new HeldRow(client);
  }

  /** Ends the holding transaction (it wrote nothing); safe to call twice. */
  async release(): Promise<void> {
    await this.client.query('COMMIT').catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}

/** Waits until `count` sessions of the test database wait on a lock (the racers, queued). */
export async function lockWaiters(dataSource: DataSource, count: number): Promise<void> {
  await eventually(
    () =>
      dataSource.query<{ n: number }[]>(
        `SELECT COUNT(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      ),
    ([row]) => row.n === count,
  );
}

/**
 * Runs `body` with the worker's processor of one queue paused, so that the job the workflow
 * queues meanwhile waits in the queue; resumed afterwards, whatever happens.
 */
export async function withQueuePaused<T>(
  worker: INestApplicationContext,
  processor: Type<WorkerHost>,
  body: () => Promise<T>,
): Promise<T> {
  const host = worker.get(processor);
  await host.worker.pause();
  try {
    return await body();
  } finally {
    await host.worker.resume();
  }
}
