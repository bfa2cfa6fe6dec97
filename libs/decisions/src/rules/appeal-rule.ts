/**
 * Appeals against a signed decision: the window, the contested skills, the panel and what its votes
 * resolve to (docs/DECISIONS.md, Appeals, steps 1-3; DOMAIN.md §6). Pure, so that every refusal
 * can be tested without a database and explained to the candidate.
 */
import { DomainException, errorMessage, toIsoDay, fieldError, fieldFault, FieldFault } from '@qualcert/shared';
import type { AssessorRefusal } from '@qualcert/assessment';

export const MIN_PANEL_SIZE = 2;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last day (YYYY-MM-DD, UTC) on which a decision signed at `signedAt` may be appealed. */
export function appealDeadline(signedAt: Date, windowDays: number): string {
  if (!Number.isInteger(windowDays) || windowDays < 0) {
    throw DomainException.validation([fieldError('appealWindowDays', 'field:wholeAtLeast', { min: 0 })]);
  }
  const signedDay = Date.UTC(signedAt.getUTCFullYear(), signedAt.getUTCMonth(), signedAt.getUTCDate());
  return toIsoDay(new Date(signedDay + windowDays * DAY_MS));
}

export interface AppealRequest {
  decision: {
    status: string;
    signedAt: Date | null;
    creditedSkillIds: string[];
  };
  /** Every skill the application was assessed on. */
  cardSkillIds: string[];
  contestedSkillIds: string[];
  windowDays: number;
  now: Date;
}

/**
 * Throws the reason an appeal may not be lodged, or returns its deadline.
 * Order: the decision's state, then the window, then the contested skills.
 */
export function checkAppeal(request: AppealRequest): { deadline: string } {
  const { decision } = request;
  if (decision.status !== 'approved' || !decision.signedAt) {
    throw new DomainException(
      'INVALID_TRANSITION',
      `Only a signed decision can be appealed; this one is ${decision.status}`,
      {
        currentStatus: decision.status,
      },
    );
  }
  const deadline = appealDeadline(decision.signedAt, request.windowDays);
  const today = toIsoDay(request.now);
  if (today > deadline) {
    throw new DomainException(
      'APPEAL_WINDOW_CLOSED',
      errorMessage('APPEAL_WINDOW_CLOSED:deadline', { deadline, windowDays: request.windowDays }),
      { deadline, windowDays: request.windowDays },
    );
  }
  const messages: FieldFault[] = [];
  const seen = new Set<string>();
  const card = new Set(request.cardSkillIds);
  const credited = new Set(decision.creditedSkillIds);
  if (request.contestedSkillIds.length === 0) messages.push(fieldFault('field:nameOneSkill'));
  for (const skillId of request.contestedSkillIds) {
    if (seen.has(skillId)) messages.push(fieldFault('field:namedTwice', { id: skillId }));
    else if (!card.has(skillId)) messages.push(fieldFault('field:notAssessedSkill', { id: skillId }));
    else if (credited.has(skillId)) messages.push(fieldFault('field:alreadyCredited', { id: skillId }));
    seen.add(skillId);
  }
  if (messages.length > 0) {
    throw DomainException.validation([{ field: 'contestedSkillIds', messages }], 'These skills cannot be contested');
  }
  return { deadline };
}

export type PanelProblemRule = 'INVOLVED_IN_APPLICATION' | 'NOT_AN_ASSESSOR_OF_CENTRE' | AssessorRefusal['rule'];

export interface PanelProblem {
  assessorId: string;
  rule: PanelProblemRule;
  message: string;
}

export interface PanelCandidate {
  assessorId: string;
  /** An assessor (user with the assessor role) on the staff of the application's centre. */
  ofCentre: boolean;
  /** Assessed a session of the application or reviewed its evidence. */
  involved: boolean;
  /** The impartiality rule's refusals for this candidate and card, today. */
  refusals: AssessorRefusal[];
}

/** Every reason the proposed panel may not hear the appeal; empty when it may. */
export function panelProblems(members: PanelCandidate[]): PanelProblem[] {
  const problems: PanelProblem[] = [];
  for (const member of members) {
    if (!member.ofCentre) {
      problems.push({
        assessorId: member.assessorId,
        rule: 'NOT_AN_ASSESSOR_OF_CENTRE',
        message: `${member.assessorId} is not an assessor of the centre`,
      });
      continue;
    }
    if (member.involved) {
      problems.push({
        assessorId: member.assessorId,
        rule: 'INVOLVED_IN_APPLICATION',
        message: `${member.assessorId} took part in assessing the application`,
      });
    }
    for (const refusal of member.refusals) {
      problems.push({ assessorId: member.assessorId, rule: refusal.rule, message: refusal.message });
    }
  }
  return problems;
}

/** Checks the panel's size and that no assessor is named twice, before anything is read. */
export function checkPanelSize(assessorIds: string[]): void {
  const messages: FieldFault[] = [];
  if (new Set(assessorIds).size !== assessorIds.length) messages.push(fieldFault('field:assessorTwice'));
  if (new Set(assessorIds).size < MIN_PANEL_SIZE) messages.push(fieldFault('field:panelSize', { min: MIN_PANEL_SIZE }));
  if (messages.length > 0) throw DomainException.validation([{ field: 'assessorIds', messages }]);
}

/**
 * What is appealed (docs/DECISIONS.md, Appeals): a signed decision; a refusal of admission (an
 * ineligible application); or the procedure (a complaint with its reasons and documents).
 */
export const APPEAL_KINDS = ['decision', 'admission', 'procedural'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/**
 * The panel's votes per kind: `uphold` always means that what was contested stands; the other
 * vote is the candidate's remedy — a re-assessment of contested skills, admission, or a finding
 * that the complaint is well founded.
 */
export const PANEL_VOTES = {
  decision: ['uphold', 'reassess'],
  admission: ['uphold', 'admit'],
  procedural: ['uphold', 'sustain'],
} as const satisfies Record<AppealKind, readonly string[]>;

export type PanelVote = (typeof PANEL_VOTES)[AppealKind][number];

/** 400 naming `vote` when the vote is not one of the appeal kind's. */
export function checkVote(kind: AppealKind, vote: string): PanelVote {
  const allowed: readonly string[] = PANEL_VOTES[kind];
  if (!allowed.includes(vote)) {
    throw DomainException.validation([fieldError('vote', 'field:vote', { allowed: allowed.join(' | ') })]);
  }
  return vote as PanelVote;
}

export type PanelResolution = 'pending' | 'upheld' | 'reassess' | 'admit' | 'sustain';

/**
 * What the panel's votes resolve to: `pending` until every member has voted, then the majority.
 * A tie gives the second look where the remedy is a look — a re-assessment, a finding on the
 * procedure — because a complaint half the panel finds well founded deserves it; it never admits,
 * because admission without the card's requirements needs a majority, as crediting a skill does.
 */
export function panelResolution(votes: (PanelVote | null)[], kind: AppealKind = 'decision'): PanelResolution {
  if (votes.length === 0 || votes.some((v) => v === null)) return 'pending';
  const remedy = PANEL_VOTES[kind][1];
  const forRemedy = votes.filter((v) => v === remedy).length;
  const majority = kind === 'admission' ? forRemedy * 2 > votes.length : forRemedy * 2 >= votes.length;
  return majority ? remedy : 'upheld';
}

export interface AdmissionAppealRequest {
  applicationStatus: string;
  /** When the check found the application ineligible (the last check). */
  ineligibleAt: Date | null;
  windowDays: number;
  now: Date;
}

/**
 * A refusal of admission may be appealed while the application is ineligible, within the appeal
 * window counted from the day it was found ineligible (UTC, the last day included), like a
 * decision's window from its signing.
 */
export function checkAdmissionAppeal(request: AdmissionAppealRequest): { deadline: string } {
  if (request.applicationStatus !== 'ineligible' || !request.ineligibleAt) {
    throw new DomainException(
      'INVALID_TRANSITION',
      `Only a refusal of admission can be appealed; the application is ${request.applicationStatus}`,
      { currentStatus: request.applicationStatus },
    );
  }
  const deadline = appealDeadline(request.ineligibleAt, request.windowDays);
  if (toIsoDay(request.now) > deadline) {
    throw new DomainException(
      'APPEAL_WINDOW_CLOSED',
      `The appeal window closed at the end of ${deadline} (${request.windowDays} days after the application was found ineligible)`,
      { deadline, windowDays: request.windowDays },
    );
  }
  return { deadline };
}

export interface ProceduralAppealRequest {
  applicationStatus: string;
  /** The appeal deadline of the application's signed decision, if it has one. */
  decisionAppealDeadline: string | null;
  /** Evidence files named as the complaint's documents, and which of them are the candidate's own. */
  evidenceIds: string[];
  ownEvidenceIds: string[];
  now: Date;
}

/**
 * A complaint about the procedure may be made while the application is under way and, once it is
 * decided, within the decision's appeal window; not on a draft or withdrawn application, which has
 * had no procedure. Its documents must be the candidate's own evidence files.
 */
export function checkProceduralAppeal(request: ProceduralAppealRequest): { deadline: string | null } {
  if (request.applicationStatus === 'draft' || request.applicationStatus === 'withdrawn') {
    throw new DomainException(
      'INVALID_TRANSITION',
      `A complaint needs a procedure to complain of; the application is ${request.applicationStatus}`,
      { currentStatus: request.applicationStatus },
    );
  }
  const deadline = request.applicationStatus === 'decided' ? request.decisionAppealDeadline : null;
  if (deadline !== null && toIsoDay(request.now) > deadline) {
    throw new DomainException(
      'APPEAL_WINDOW_CLOSED',
      `The appeal window closed at the end of ${deadline} (the decision's window)`,
      { deadline },
    );
  }
  const own = new Set(request.ownEvidenceIds);
  const seen = new Set<string>();
  const messages: FieldFault[] = [];
  for (const id of request.evidenceIds) {
    if (seen.has(id)) messages.push(fieldFault('field:namedTwice', { id }));
    else if (!own.has(id)) messages.push(fieldFault('field:notYourEvidence', { id }));
    seen.add(id);
  }
  if (messages.length > 0) throw DomainException.validation([{ field: 'evidenceIds', messages }]);
  return { deadline };
}
