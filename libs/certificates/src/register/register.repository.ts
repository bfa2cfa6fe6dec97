import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RegisterFilter, RegisterRow, registerWhere } from './register-query';

// The certificate row carries what the register shows (the card and the centre as they stood on
// the day of issue, in `contents`), so the register reads the certificates context's table alone.
const COLUMNS = `c.id, c.number, c.holder_name AS "holderName", c.masked_iin AS "maskedIin", c.centre_id AS "centreId",
  c.contents->'centre'->>'code' AS "centreCode", c.contents->'centre'->>'name' AS "centreName",
  c.card_id AS "cardId", c.contents->'card'->>'name' AS "cardName", (c.contents->'card'->>'orkLevel')::int AS "orkLevel",
  to_char(c.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(c.valid_until, 'YYYY-MM-DD') AS "validUntil",
  c.status, to_char(c.revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "revokedAt",
  c.revoke_reason AS "revokeReason"`;
const ORDER = 'ORDER BY c.issued_on DESC, c.number DESC';

/** The queries behind the register of certificates. */
@Injectable()
export class RegisterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(filter: RegisterFilter, limit: number, offset: number): Promise<{ items: RegisterRow[]; total: number }> {
    const { where, params } = registerWhere(filter);
    const n = params.length;
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query<RegisterRow[]>(
        `SELECT ${COLUMNS} FROM certificate c ${where} ${ORDER} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, limit, offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT COUNT(*)::int AS total FROM certificate c ${where}`, params),
    ]);
    return { items, total };
  }

  /** Every matching row up to `max`, for the spreadsheets. */
  all(filter: RegisterFilter, max: number): Promise<RegisterRow[]> {
    const { where, params } = registerWhere(filter);
    return this.dataSource.query<RegisterRow[]>(
      `SELECT ${COLUMNS} FROM certificate c ${where} ${ORDER} LIMIT $${params.length + 1}`,
      [...params, max],
    );
  }
}
