import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** An appeal's re-assessment as the decision after it reads it. */
export interface AppealPanelFacts {
  contested: string[];
  members: number;
  verdicts: { skillId: string; result: 'passed' | 'failed' }[];
}

/** The appeal tables' queries. */
@Injectable()
export class AppealsRepository {
  /** The appeal locked, as a decision on it reads it. */
  async lockForDecision(
    manager: EntityManager,
    appealId: string,
  ): Promise<{ id: string; status: string; decision_id: string; application_id: string } | undefined> {
    const [appeal] = await manager.query<{ id: string; status: string; decision_id: string; application_id: string }[]>(
      'SELECT id, status, decision_id, application_id FROM appeal WHERE id = $1 FOR UPDATE',
      [appealId],
    );
    return appeal;
  }

  /** The contested skills, the panel's size and its verdicts per skill. */
  async panelFacts(manager: EntityManager, appealId: string): Promise<AppealPanelFacts> {
    const [panel] = await manager.query<AppealPanelFacts[]>(
      `SELECT a.contested_skill_ids AS contested,
              (SELECT COUNT(*)::int FROM appeal_panel_member m WHERE m.appeal_id = a.id) AS members,
              (SELECT COALESCE(json_agg(json_build_object('skillId', r.skill_id, 'result', r.result)), '[]')
                 FROM appeal_reassessment r WHERE r.appeal_id = a.id) AS verdicts
         FROM appeal a WHERE a.id = $1`,
      [appealId],
    );
    return panel;
  }

  /** The application's appeal awaiting a decision after its re-assessment, if any. */
  async reassessedOf(manager: EntityManager, applicationId: string): Promise<{ id: string } | undefined> {
    const [appeal] = await manager.query<{ id: string }[]>(
      `SELECT id FROM appeal WHERE application_id = $1 AND status = 'reassessed'`,
      [applicationId],
    );
    return appeal;
  }

  async linkNewDecision(manager: EntityManager, appealId: string, decisionId: string): Promise<void> {
    await manager.query('UPDATE appeal SET new_decision_id = $2, updated_at = now() WHERE id = $1', [
      appealId,
      decisionId,
    ]);
  }

  /** The appeal whose re-assessment the decision signed was made on is resolved. */
  async resolveByDecision(manager: EntityManager, decisionId: string): Promise<void> {
    await manager.query(
      `UPDATE appeal SET status = 'resolved', updated_at = now() WHERE new_decision_id = $1 AND status = 'reassessed'`,
      [decisionId],
    );
  }
}
