import type { EntityManager } from 'typeorm';
import { DomainException } from '@qualcert/shared';
import { ApplicationEntity } from '../entities/application.entity';
import { requireTransition, type ApplicationEvent, type ApplicationStatus } from './application-state';

/** Columns a transition may write along with the status (an eligibility check writes its result). */
export type TransitionChanges = Partial<Pick<ApplicationEntity, 'eligibility' | 'eligibilityCheckedAt'>>;

/**
 * Moves an application by one event of its state machine: the only writer of `application.status`,
 * for this context's services and the others' (assessment hands an application over, decisions
 * decides it). `from` is the status the caller read, under the row's lock; an event the machine
 * refuses from it, or a row no longer in it, is a 409 INVALID_TRANSITION and writes nothing.
 */
export async function transitionApplication(
  manager: Pick<EntityManager, 'update'>,
  applicationId: string,
  from: ApplicationStatus,
  event: ApplicationEvent,
  changes: TransitionChanges = {},
): Promise<ApplicationStatus> {
  const to = requireTransition(from, event);
  const { affected } = await manager.update(
    ApplicationEntity,
    { id: applicationId, status: from },
    { ...changes, status: to },
  );
  if (affected !== 1) {
    throw new DomainException('INVALID_TRANSITION', `The application is no longer ${from}`, {
      expectedStatus: from,
      event,
    });
  }
  return to;
}
