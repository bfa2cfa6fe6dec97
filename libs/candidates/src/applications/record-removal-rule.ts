import type { EligibilityResult } from '../eligibility/eligibility';
import type { ApplicationStatus } from './application-state';

/**
 * Whether a candidate may remove one of their records (docs/CANDIDATES.md, "Records an admission
 * rests on"). Once an application is admitted on confirmed records — eligible, then awaiting its
 * decision, then decided — those records are what the admission, the assessment and any
 * certificate rest on: removing one would leave an admitted application (or a certificate) resting
 * on nothing, so it is refused, naming the application. Before admission a removal is free, and an
 * application awaiting its document check is checked again (CandidatesService.changeRecords), as
 * for any other change to the records.
 */
export const ADMITTED_STATUSES: readonly ApplicationStatus[] = ['eligible', 'awaiting_decision', 'decided'];

export interface AdmittedApplication {
  id: string;
  status: ApplicationStatus;
  eligibility: EligibilityResult | null;
}

/**
 * The records an admission rests on: those the centre confirmed on every route that held on
 * confirmed records. An admission by a manager's override or an appeal, with no such route, rests
 * on none of them.
 */
export function admissionRecordIds(result: EligibilityResult | null): string[] {
  if (!result) return [];
  const ids = new Set<string>();
  for (const route of result.routes) {
    if (!route.confirmed) continue;
    for (const condition of route.conditions) for (const id of condition.params.confirmedRecordIds) ids.add(id);
  }
  return [...ids];
}

/** The first admitted application (by id) the record is part of, or null when it may go. */
export function removalBlockedBy(
  recordId: string,
  applications: readonly AdmittedApplication[],
): { applicationId: string; applicationStatus: ApplicationStatus } | null {
  const blocking = [...applications]
    .filter((app) => ADMITTED_STATUSES.includes(app.status) && admissionRecordIds(app.eligibility).includes(recordId))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (blocking.length === 0) return null;
  return { applicationId: blocking[0].id, applicationStatus: blocking[0].status };
}
