import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';

export type OutboxPayload = Record<string, string | number | boolean | null>;

@Injectable()
export class OutboxService {
  /** Records an event in the caller's transaction. Payloads carry ids; jobs re-read state. */
  async publish(manager: EntityManager, eventType: string, payload: OutboxPayload): Promise<void> {
    await manager.insert(OutboxEventEntity, { eventType, payload });
  }
}
