import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { Actor } from '@qualcert/identity';
import { RegisterRepository } from './register.repository';
import { REGISTER_COLUMNS, RegisterFilter, RegisterRow } from './register-query';

/** The most rows one export writes; a larger register is exported by period. */
export const EXPORT_LIMIT = 50_000;

export type RegisterQuery = Omit<RegisterFilter, 'reach'>;

/**
 * The register of certificates: every certificate for an administrator (and the national platform
 * pulling it with an administrator's token), a manager's centres for a manager.
 */
@Injectable()
export class RegisterService {
  constructor(private readonly repository: RegisterRepository) {}

  page(actor: Actor, query: RegisterQuery, limit: number, offset: number) {
    return this.repository
      .page(this.filter(actor, query), limit, offset)
      .then(({ items, total }) => ({ items, total, limit, offset }));
  }

  async export(actor: Actor, query: RegisterQuery, format: 'xlsx' | 'csv'): Promise<Buffer> {
    const rows = await this.repository.all(this.filter(actor, query), EXPORT_LIMIT);
    return format === 'xlsx' ? xlsx(rows) : csv(rows);
  }

  private filter(actor: Actor, query: RegisterQuery): RegisterFilter {
    return { ...query, reach: actor.role === 'admin' ? null : actor.centreIds };
  }
}

async function xlsx(rows: RegisterRow[]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Реестр');
  sheet.columns = REGISTER_COLUMNS.map((c) => ({ header: c.header, width: Math.max(12, c.header.length + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(REGISTER_COLUMNS.map((c) => c.value(row)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV as spreadsheets open it: a BOM for UTF-8, quoted fields, CRLF. */
async function csv(rows: RegisterRow[]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Реестр');
  sheet.addRow(REGISTER_COLUMNS.map((c) => c.header));
  for (const row of rows) sheet.addRow(REGISTER_COLUMNS.map((c) => c.value(row)));
  const body = Buffer.from(
    await workbook.csv.writeBuffer({ formatterOptions: { writeBOM: true, rowDelimiter: '\r\n' } }),
  );
  return body;
}
