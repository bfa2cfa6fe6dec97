import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';
import { OUTBOX_ROUTES } from './outbox-routes';

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
 * marked dispatched only after its queue accepted it, so a Redis outage only delays it.
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
      let sent = 0;
      for (const event of events) {
        const route = OUTBOX_ROUTES[event.eventType];
        try {
          if (route) {
            const queue = this.moduleRef.get<Queue>(getQueueToken(route.queue), { strict: false });
            await withTimeout(
              queue.add(
                route.jobName,
                { ...event.payload, outboxEventId: event.id },
                {
                  jobId: route.jobId(event.id, event.payload),
                  ...(route.delay ? { delay: route.delay(event.payload) } : {}),
                },
              ),
              ENQUEUE_TIMEOUT_MS,
            );
          } else {
            this.logger.error({ eventId: event.id, eventType: event.eventType }, 'no route for outbox event');
          }
          await manager.update(
            OutboxEventEntity,
            { id: event.id },
            { dispatchedAt: new Date(), attempts: () => 'attempts + 1' },
          );
          sent += 1;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await manager.update(
            OutboxEventEntity,
            { id: event.id },
            { attempts: () => 'attempts + 1', lastError: message.slice(0, 500) },
          );
          // Order matters to consumers: stop at the first event the queue refused.
          break;
        }
      }
      return sent;
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
