import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '@qualcert/shared';

/** The queries behind the centres' revocation lists. */
@Injectable()
export class StatusListsRepository {
  /**
   * The centre's next status position, by one upsert: it holds the centre's counter row until the
   * transaction ends, so two issuances never get the same bit, and a rolled-back one gives its back.
   */
  async nextPosition(manager: EntityManager, centreId: string): Promise<number> {
    const [{ last }] = await updateReturning<{ last: number }>(
      manager,
      `INSERT INTO credential_status_sequence (centre_id, last) VALUES ($1, 0)
       ON CONFLICT (centre_id) DO UPDATE SET last = credential_status_sequence.last + 1 RETURNING last`,
      [centreId],
    );
    return last;
  }

  async insertList(
    manager: EntityManager,
    centreId: string,
    listNumber: number,
    credential: object,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO credential_status_list (centre_id, list_number, credential, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (centre_id, list_number) DO NOTHING`,
      [centreId, listNumber, credential, now],
    );
  }

  /** Locks the list row: revocations in one list are written one after the other. */
  async lockList(manager: EntityManager, centreId: string, listNumber: number): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      'SELECT 1 FROM credential_status_list WHERE centre_id = $1 AND list_number = $2 FOR UPDATE',
      [centreId, listNumber],
    );
    return rows.length > 0;
  }

  /** The bits to set: every revoked certificate and credit credential of the list, as committed or as this transaction wrote them. */
  async revokedIndices(manager: EntityManager, centreId: string, listNumber: number): Promise<number[]> {
    const rows = await manager.query<{ status_index: number }[]>(
      `SELECT status_index FROM certificate WHERE centre_id = $1 AND status_list = $2 AND status = 'revoked'
       UNION ALL
       SELECT status_index FROM credit_credential WHERE centre_id = $1 AND status_list = $2 AND status = 'revoked'`,
      [centreId, listNumber],
    );
    return rows.map((r) => r.status_index);
  }

  async updateList(
    manager: EntityManager,
    centreId: string,
    listNumber: number,
    credential: object,
    now: Date,
  ): Promise<void> {
    await manager.query(
      'UPDATE credential_status_list SET credential = $3, updated_at = $4 WHERE centre_id = $1 AND list_number = $2',
      [centreId, listNumber, credential, now],
    );
  }

  async findList(
    manager: Pick<EntityManager, 'query'>,
    centreCode: string,
    listNumber: number,
  ): Promise<Record<string, unknown> | null> {
    const [row] = await manager.query<{ credential: Record<string, unknown> }[]>(
      `SELECT l.credential FROM credential_status_list l JOIN centre c ON c.id = l.centre_id
        WHERE c.code = $1 AND l.list_number = $2`,
      [centreCode, listNumber],
    );
    return row?.credential ?? null;
  }

  async centreCode(manager: Pick<EntityManager, 'query'>, centreId: string): Promise<string> {
    const [row] = await manager.query<{ code: string }[]>('SELECT code FROM centre WHERE id = $1', [centreId]);
    return row.code;
  }

  async findCentre(
    manager: Pick<EntityManager, 'query'>,
    code: string,
  ): Promise<{ id: string; code: string; name: string; email: string | null } | null> {
    const [row] = await manager.query<{ id: string; code: string; name: string; email: string | null }[]>(
      'SELECT id, code, name, email FROM centre WHERE code = $1',
      [code],
    );
    return row ?? null;
  }
}
