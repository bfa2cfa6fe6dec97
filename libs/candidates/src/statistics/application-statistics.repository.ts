import type { EntityManager } from 'typeorm';
import type { ApplicationStatus, Pathway } from '../applications/application-state';

/** A period of whole UTC days: from its first day's start to the end of its last. */
export interface StatisticsPeriod {
  /** The first instant of the period. */
  start: Date;
  /** The first instant after it. */
  end: Date;
}

export type EligibilityOutcomeCount = 'eligible' | 'awaiting_documents' | 'ineligible' | 'needs_review' | 'not_checked';

export interface ApplicationStatistics {
  /** Applications of the centre submitted in the period (their latest submission). */
  submitted: number;
  byPathway: { pathway: Pathway; count: number }[];
  byCard: { cardId: string; count: number; recognition: number }[];
  /** Where those applications stand now. */
  byStatus: { status: ApplicationStatus; count: number }[];
  /** The outcome of their latest eligibility check. */
  eligibility: { outcome: EligibilityOutcomeCount; count: number }[];
  /** Of them, admitted by a manager's written override. */
  overridden: number;
}

/**
 * The candidates context's part of a centre's statistics, from its own table: one grouped read of
 * the applications submitted in the period.
 */
export async function applicationStatistics(
  manager: EntityManager,
  centreId: string,
  period: StatisticsPeriod,
): Promise<ApplicationStatistics> {
  const rows = await manager.query<
    {
      card_id: string;
      pathway: Pathway;
      status: ApplicationStatus;
      outcome: EligibilityOutcomeCount;
      overridden: boolean;
      count: number;
    }[]
  >(
    `SELECT card_id, pathway, status, COALESCE(eligibility->>'outcome', 'not_checked') AS outcome,
            (eligibility_override IS NOT NULL) AS overridden, COUNT(*)::int AS count
       FROM application
      WHERE centre_id = $1 AND submitted_at >= $2 AND submitted_at < $3
      GROUP BY 1, 2, 3, 4, 5`,
    [centreId, period.start, period.end],
  );
  const tally = <K extends string>(key: (r: (typeof rows)[number]) => K) => {
    const counts = new Map<K, number>();
    for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + row.count);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const recognition = new Map<string, number>();
  for (const row of rows.filter((r) => r.pathway === 'recognition')) {
    recognition.set(row.card_id, (recognition.get(row.card_id) ?? 0) + row.count);
  }
  return {
    submitted: rows.reduce((sum, r) => sum + r.count, 0),
    byPathway: tally((r) => r.pathway).map(([pathway, count]) => ({ pathway, count })),
    byCard: tally((r) => r.card_id).map(([cardId, count]) => ({
      cardId,
      count,
      recognition: recognition.get(cardId) ?? 0,
    })),
    byStatus: tally((r) => r.status).map(([status, count]) => ({ status, count })),
    eligibility: tally((r) => r.outcome).map(([outcome, count]) => ({ outcome, count })),
    overridden: rows.filter((r) => r.overridden).reduce((sum, r) => sum + r.count, 0),
  };
}

/** Every application of the centre, for the contexts above whose rows name applications only. */
export async function applicationIdsOfCentre(manager: EntityManager, centreId: string): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>('SELECT id FROM application WHERE centre_id = $1', [centreId]);
  return rows.map((r) => r.id);
}
