import type { EntityManager } from 'typeorm';
import type { StatisticsPeriod } from '@qualcert/candidates';
import type { AppealKind } from '../rules/appeal-rule';
import type { AppealStatus } from '../appeals/appeal.entity';

export type AppealOutcome = 'pending' | 'upheld' | 'resolved' | 'admitted' | 'sustained';

export interface DecisionStatistics {
  /** Decisions signed in the period, by outcome (a decision later superseded on appeal counts too). */
  signed: { outcome: 'awarded' | 'partial' | 'not_awarded'; count: number }[];
  /** Computed decisions a manager returned, computed in the period. */
  returned: number;
  /** Appeals lodged in the period, by kind and where they ended (pending while not heard to the end). */
  appeals: { kind: AppealKind; outcome: AppealOutcome; count: number }[];
  /** Panel votes each assessor cast in the period. */
  panelVotes: { assessorId: string; count: number }[];
}

// An appeal's state, read as its outcome: upheld means the contested decision, refusal or procedure stands.
const OUTCOME: Record<AppealStatus, AppealOutcome> = {
  lodged: 'pending',
  hearing: 'pending',
  reassessment: 'pending',
  reassessed: 'pending',
  upheld: 'upheld',
  resolved: 'resolved',
  admitted: 'admitted',
  sustained: 'sustained',
};

/**
 * The decisions context's part of a centre's statistics, from its own tables, for the centre's
 * applications (ids from the candidates context): three grouped reads.
 */
export async function decisionStatistics(
  manager: EntityManager,
  applicationIds: string[],
  period: StatisticsPeriod,
): Promise<DecisionStatistics> {
  const args = [applicationIds, period.start, period.end];
  const decisions = await manager.query<{ outcome: 'awarded' | 'partial' | 'not_awarded' | null; count: number }[]>(
    `SELECT CASE WHEN status IN ('approved', 'superseded') THEN outcome END AS outcome, COUNT(*)::int AS count
       FROM decision
      WHERE application_id = ANY($1::uuid[])
        AND ((status IN ('approved', 'superseded') AND signed_at >= $2 AND signed_at < $3)
          OR (status = 'returned' AND computed_at >= $2 AND computed_at < $3))
      GROUP BY 1`,
    args,
  );
  const appeals = await manager.query<{ kind: AppealKind; status: AppealStatus; count: number }[]>(
    `SELECT kind, status, COUNT(*)::int AS count
       FROM appeal
      WHERE application_id = ANY($1::uuid[]) AND created_at >= $2 AND created_at < $3
      GROUP BY 1, 2`,
    args,
  );
  const votes = await manager.query<{ assessor_id: string; count: number }[]>(
    `SELECT m.assessor_id, COUNT(*)::int AS count
       FROM appeal_panel_member m JOIN appeal a ON a.id = m.appeal_id
      WHERE a.application_id = ANY($1::uuid[]) AND m.voted_at >= $2 AND m.voted_at < $3
      GROUP BY 1`,
    args,
  );
  const byOutcome = new Map<string, { kind: AppealKind; outcome: AppealOutcome; count: number }>();
  for (const row of appeals) {
    const outcome = OUTCOME[row.status];
    const key = `${row.kind}:${outcome}`;
    const entry = byOutcome.get(key) ?? { kind: row.kind, outcome, count: 0 };
    entry.count += row.count;
    byOutcome.set(key, entry);
  }
  return {
    signed: decisions.flatMap((d) => (d.outcome ? [{ outcome: d.outcome, count: d.count }] : [])),
    returned: decisions.find((d) => d.outcome === null)?.count ?? 0,
    appeals: [...byOutcome.values()],
    panelVotes: votes.map((v) => ({ assessorId: v.assessor_id, count: v.count })),
  };
}
