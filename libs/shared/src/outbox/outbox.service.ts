import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';
import type { OutboxEventName, OutboxEvents } from './outbox-events';

export type OutboxPayload = Record<string, string | number | boolean | null>;

@Injectable()
export class OutboxService {
  /** Records an event in the caller's transaction. Payloads carry ids; jobs re-read state. */
  async publish<E extends OutboxEventName>(manager: EntityManager, event: E, payload: OutboxEvents[E]): Promise<void> {
    await manager.insert(OutboxEventEntity, { eventType: event, payload });
  }
}
