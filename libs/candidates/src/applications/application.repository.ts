import { In, type EntityManager } from 'typeorm';
import { ApplicationEntity } from '../entities/application.entity';

/** The application, locked (FOR UPDATE) for the caller's transaction; null when there is none. */
export function lockApplication(manager: EntityManager, id: string): Promise<ApplicationEntity | null> {
  return manager.findOne(ApplicationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

/** Who checked the documents of the application's admission: a centre's managers or assessors. */
export async function documentCheckersOf(manager: EntityManager, applicationId: string): Promise<string[]> {
  const rows = await manager.query<{ user_id: string }[]>(
    `SELECT checked_by AS user_id FROM candidate_education WHERE checked_application_id = $1
     UNION SELECT checked_by FROM candidate_employment WHERE checked_application_id = $1
     UNION SELECT checked_by FROM candidate_learning WHERE checked_application_id = $1`,
    [applicationId],
  );
  return rows.map((r) => r.user_id);
}

/** The application as stored; null when there is none. */
export function findApplication(manager: EntityManager, id: string): Promise<ApplicationEntity | null> {
  return manager.findOne(ApplicationEntity, { where: { id } });
}

/** The ids of the candidate's applications for the card, whatever their status. */
export async function applicationIdsOf(manager: EntityManager, candidateId: string, cardId: string): Promise<string[]> {
  const rows = await manager.find(ApplicationEntity, { where: { candidateId, cardId }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Whether the candidate has applied to one of the centres named, whatever the application's status. */
export function appliedAtAny(
  manager: EntityManager,
  candidateId: string,
  centreIds: readonly string[],
): Promise<boolean> {
  if (centreIds.length === 0) return Promise.resolve(false);
  return manager.exists(ApplicationEntity, { where: { candidateId, centreId: In([...centreIds]) } });
}
