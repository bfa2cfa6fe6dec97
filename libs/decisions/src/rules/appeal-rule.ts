/**
 * Appeals against a signed decision (DOMAIN.md §6): when one may be lodged, what may be
 * contested, who may sit on the panel and what the panel's votes resolve to. Pure, so that
 * every refusal can be tested without a database and explained to the candidate.
 *
 * Window: the program's `appealWindowDays` calendar days after the day the decision was signed
 * (UTC), the last day included. A window of 10 days on a decision signed on 1 March closes at the
 * end of 11 March. Dates are UTC days, like every other date the system decides on.
 *
 * Contested skills: skills of the card the decision did not credit. A credited skill cannot be
 * contested (there is nothing to gain), nor a skill of another card; each is named in the error.
 *
 * Panel: at least two distinct assessors, each one free of every refusal of the impartiality
 * rule and not involved in the application (an assessor of its sessions, a reviewer of its
 * evidence). Every member's every problem is listed, as the impartiality rule does.
 *
 * Votes: each member votes `uphold` or `reassess`. The appeal stays pending until every member
 * has voted; then the majority decides, and a tie orders the re-assessment, because an appeal
 * that half the panel finds well founded deserves the second look.
 */
import { DomainException } from '@qualcert/shared/errors/domain.exception';
import type { AssessorRefusal } from '@qualcert/assessment/rules/impartiality';

export const MIN_PANEL_SIZE = 2;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last day (YYYY-MM-DD, UTC) on which a decision signed at `signedAt` may be appealed. */
export function appealDeadline(signedAt: Date, windowDays: number): string {
  if (!Number.isInteger(windowDays) || windowDays < 0) {
    throw DomainException.validation([{ field: 'appealWindowDays', messages: ['must be a whole number ≥ 0'] }]);
  }
  const signedDay = Date.UTC(signedAt.getUTCFullYear(), signedAt.getUTCMonth(), signedAt.getUTCDate());
  return new Date(signedDay + windowDays * DAY_MS).toISOString().slice(0, 10);
}

export interface AppealRequest {
  decision: {
    status: string;
    signedAt: Date | null;
    creditedSkillIds: string[];
  };
  /** Every skill of the application's card. */
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
  const today = request.now.toISOString().slice(0, 10);
  if (today > deadline) {
    throw new DomainException(
      'APPEAL_WINDOW_CLOSED',
      `The appeal window closed at the end of ${deadline} (${request.windowDays} days after the decision was signed)`,
      { deadline, windowDays: request.windowDays },
    );
  }
  const messages: string[] = [];
  const seen = new Set<string>();
  const card = new Set(request.cardSkillIds);
  const credited = new Set(decision.creditedSkillIds);
  if (request.contestedSkillIds.length === 0) messages.push('name at least one skill');
  for (const skillId of request.contestedSkillIds) {
    if (seen.has(skillId)) messages.push(`${skillId} is named twice`);
    else if (!card.has(skillId)) messages.push(`${skillId} is not a skill of the card`);
    else if (credited.has(skillId)) messages.push(`${skillId} is already credited by the decision`);
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
  const messages: string[] = [];
  if (new Set(assessorIds).size !== assessorIds.length) messages.push('an assessor is named twice');
  if (new Set(assessorIds).size < MIN_PANEL_SIZE) messages.push(`a panel has at least ${MIN_PANEL_SIZE} assessors`);
  if (messages.length > 0) throw DomainException.validation([{ field: 'assessorIds', messages }]);
}

export type PanelVote = 'uphold' | 'reassess';

/** What the panel's votes resolve to: `pending` until every member has voted. */
export function panelResolution(votes: (PanelVote | null)[]): 'pending' | 'upheld' | 'reassess' {
  if (votes.length === 0 || votes.some((v) => v === null)) return 'pending';
  const reassess = votes.filter((v) => v === 'reassess').length;
  return reassess * 2 >= votes.length ? 'reassess' : 'upheld';
}
