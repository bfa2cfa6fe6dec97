/** The register's filters, as the API reads them and the repository applies them. */
export interface RegisterFilter {
  /** Centres the reader reaches; null: every centre (an administrator, the national platform). */
  reach: string[] | null;
  centreId?: string;
  cardId?: string;
  status?: 'valid' | 'expired' | 'revoked';
  /** Issued on or after / on or before (YYYY-MM-DD). */
  issuedFrom?: string;
  issuedTo?: string;
  /** Part of the number or of the holder's name, any case. */
  q?: string;
}

/**
 * The WHERE clause and its parameters for a filter: one query for the page, its count and the
 * export, so the three never disagree. A centre out of the reader's reach matches nothing.
 */
export function registerWhere(filter: RegisterFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (filter.reach) add((n) => `c.centre_id = ANY(${n}::uuid[])`, filter.reach);
  if (filter.centreId) add((n) => `c.centre_id = ${n}`, filter.centreId);
  if (filter.cardId) add((n) => `c.card_id = ${n}`, filter.cardId);
  if (filter.status) add((n) => `c.status = ${n}`, filter.status);
  if (filter.issuedFrom) add((n) => `c.issued_on >= ${n}::date`, filter.issuedFrom);
  if (filter.issuedTo) add((n) => `c.issued_on <= ${n}::date`, filter.issuedTo);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    add((n) => `(c.number ILIKE ${n} OR c.holder_name ILIKE ${n})`, pattern);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** One line of the register, as the page, the API and the spreadsheets show it. */
export interface RegisterRow {
  id: string;
  number: string;
  holderName: string;
  maskedIin: string;
  centreId: string;
  centreCode: string;
  centreName: string;
  cardId: string;
  cardName: string;
  orkLevel: number;
  issuedOn: string;
  validUntil: string;
  status: 'valid' | 'expired' | 'revoked';
  revokedAt: string | null;
  revokeReason: string | null;
}

/** The spreadsheet's columns: a header (in Russian, as the registers are kept) and the row's value. */
export const REGISTER_COLUMNS: { header: string; value: (row: RegisterRow) => string | number }[] = [
  { header: 'Номер', value: (r) => r.number },
  { header: 'Владелец', value: (r) => r.holderName },
  { header: 'ИИН', value: (r) => r.maskedIin },
  { header: 'Квалификация', value: (r) => r.cardName },
  { header: 'Уровень ОРК', value: (r) => r.orkLevel },
  { header: 'Центр', value: (r) => `${r.centreCode} ${r.centreName}` },
  { header: 'Выдан', value: (r) => r.issuedOn },
  { header: 'Действителен до', value: (r) => r.validUntil },
  { header: 'Статус', value: (r) => r.status },
  { header: 'Отозван', value: (r) => r.revokedAt ?? '' },
  { header: 'Причина отзыва', value: (r) => r.revokeReason ?? '' },
];
