import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The bytes of evidence a candidate keeps, for the storage quota (EVIDENCE_QUOTA_BYTES). */
@Injectable()
export class EvidenceQuotaRepository {
  async usedBytes(manager: Pick<EntityManager, 'query'>, candidateId: string): Promise<number> {
    const [row]: { used: string }[] = await manager.query(
      'SELECT COALESCE(SUM(size_bytes), 0)::bigint AS used FROM evidence_file WHERE candidate_id = $1',
      [candidateId],
    );
    return Number(row.used);
  }

  /**
   * Holds the candidate's quota until the transaction ends, so that parallel uploads are counted
   * one after the other and cannot pass the quota together.
   */
  async lock(manager: Pick<EntityManager, 'query'>, candidateId: string): Promise<void> {
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('qualcert:evidence-quota:' || $1))", [candidateId]);
  }
}
