import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';
import { relayJobs } from './relay-jobs';

const BATCH = 100;
const IDLE_DELAY_MS = 200;
const ERROR_DELAY_MS = 1000;
// With Redis down, BullMQ would hold the add until it returns; the relay gives up sooner and
// keeps the event pending, so the transaction holding its lock stays short.
const ENQUEUE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox events onto their queues. Runs in every worker; SKIP LOCKED lets
 * several relays share the work without sending an event twice at the same time. An event is
 * marked dispatched only after its queue accepted it, so a Redis outage only delays it. Events
 * reach each queue in the order they were written; those of a grouped route (the decisions') that
 * one pass finds together go as one job, at the place of the first.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Relays what is pending now; returns how many events were sent. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const events = await manager
        .createQueryBuilder(OutboxEventEntity, 'e')
        .where('e.dispatched_at IS NULL')
        .orderBy('e.id', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      // Each queue's events go in one addBulk (one round trip, atomic, in event order) and the
      // dispatched ones are marked in one UPDATE: per event, that was two round trips.
      const { batches, unrouted } = relayJobs(events);
      for (const id of unrouted) {
        const eventType = events.find((event) => event.id === id)?.eventType;
        this.logger.error({ eventId: id, eventType }, 'no route for outbox event');
      }
      const dispatched = [...unrouted];
      for (const [queueName, batch] of batches) {
        try {
          const queue = this.moduleRef.get<Queue>(getQueueToken(queueName), { strict: false });
          await withTimeout(queue.addBulk(batch.jobs), ENQUEUE_TIMEOUT_MS);
          dispatched.push(...batch.eventIds);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await manager.query(
            'UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])',
            [batch.eventIds, message.slice(0, 500)],
          );
          // The other queues' events wait too: the next pass retries from the oldest pending one.
          break;
        }
      }
      if (dispatched.length > 0) {
        await manager.query(
          'UPDATE outbox_event SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])',
          [dispatched],
        );
      }
      return dispatched.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = IDLE_DELAY_MS;
      try {
        if ((await this.relayOnce()) === BATCH) delay = 0;
      } catch (error) {
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'outbox relay failed; retrying',
        );
        delay = ERROR_DELAY_MS;
      }
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
