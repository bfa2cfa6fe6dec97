import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { type CertificateContents, groupByFunction, type SkillOfFunctionRow } from '@qualcert/certificates';
import { dataSourceOptions } from '@qualcert/database';
import { AuditService } from '@qualcert/shared';
import { readCorrectionsFile, StandardImportRepository, StandardImportService } from '@qualcert/standards';
import { ROOT } from './processes';

const SEED = 'standards/kz-ps-reference-information-services-2025';

/** The seed standard, imported as an admin would (the catalogue every other row refers to). */
export async function importSeedStandard(databaseUrl: string): Promise<void> {
  Logger.overrideLogger(['warn', 'error']);
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    const text = readFileSync(join(ROOT, `${SEED}.txt`), 'utf8');
    const corrections = readCorrectionsFile(
      JSON.parse(readFileSync(join(ROOT, `${SEED}.corrections.json`), 'utf8')),
    ).corrections;
    await new StandardImportService(dataSource, new StandardImportRepository(dataSource), new AuditService()).import({
      text,
      sourceName: 'bench.txt',
      corrections,
    });
  } finally {
    await dataSource.destroy();
  }
}

export interface CardFacts {
  id: string;
  number: number;
  standardVersionId: string;
  contents: Omit<CertificateContents, 'centre' | 'signedBy'>;
  skills: { id: string; recognition: 'recommended' | 'not_recommended'; kind: 'mandatory' | 'additional' }[];
}

/** A card of the seed standard with what a certificate prints about it. */
export async function cardFacts(pool: Pool, number: number): Promise<CardFacts> {
  const {
    rows: [card],
  } = await pool.query<{
    id: string;
    name: string;
    occupation_code: string | null;
    ork_level: number;
    standard_version_id: string;
    title: string;
    version: number;
    order_number: string | null;
    order_date: string | null;
    content_hash: string;
  }>(
    `SELECT c.id, c.name, c.occupation_code, c.ork_level, c.standard_version_id, s.title, v.version, v.order_number,
            v.order_date::text, v.content_hash
       FROM profession_card c JOIN standard_version v ON v.id = c.standard_version_id JOIN standard s ON s.id = v.standard_id
      WHERE c.number = $1`,
    [number],
  );
  const { rows: skills } = await pool.query<SkillOfFunctionRow & { recognition: 'recommended' | 'not_recommended' }>(
    `SELECT s.id, s.title, s.recognition, f.title AS f_title, f.kind FROM skill s JOIN labour_function f ON f.id = s.function_id
      WHERE s.card_id = $1 ORDER BY f.position, s.number`,
    [card.id],
  );
  return {
    id: card.id,
    number,
    standardVersionId: card.standard_version_id,
    contents: {
      card: { name: card.name, occupationCode: card.occupation_code, orkLevel: card.ork_level },
      standard: {
        title: card.title,
        version: card.version,
        orderNumber: card.order_number,
        orderDate: card.order_date,
        contentHash: card.content_hash,
      },
      functions: groupByFunction(skills),
    },
    skills: skills.map((s) => ({ id: s.id, recognition: s.recognition, kind: s.kind })),
  };
}

export const CENTRE = { code: 'BENCH', name: 'Учебный центр оценки квалификаций «Астана»' };

export async function insertCentre(pool: Pool): Promise<string> {
  const {
    rows: [row],
  } = await pool.query<{ id: string }>(
    `INSERT INTO centre (id, code, name, region, address) VALUES (gen_random_uuid(), $1, $2, 'г. Астана', 'пр. Мангилик Ел, 55')
     RETURNING id`,
    [CENTRE.code, CENTRE.name],
  );
  return row.id;
}

/**
 * Staff accounts by SQL (their password is never used: nobody logs in as them).
 * Returns the ids in the order of the roles given.
 */
export async function insertStaff(pool: Pool, centreId: string, roles: ('centre_manager' | 'assessor')[]) {
  const ids: string[] = [];
  for (const [i, role] of roles.entries()) {
    const email = `${role}-${i}@bench.test`;
    const {
      rows: [row],
    } = await pool.query<{ id: string }>(
      `INSERT INTO app_user (id, email, email_key, full_name, role, password_hash)
       VALUES (gen_random_uuid(), $1, $1, $2, $3, 'not-a-hash') RETURNING id`,
      [email, role === 'assessor' ? `Эксперт-оценщик ${i}` : `Руководитель центра ${i}`, role],
    );
    await pool.query('INSERT INTO centre_staff (centre_id, user_id) VALUES ($1, $2)', [centreId, row.id]);
    ids.push(row.id);
  }
  return ids;
}

/**
 * SQL producing a plausible Kazakh full name from an integer expression (candidates differ, so
 * certificates and PDFs are not all the same text).
 */
export function fullNameSql(n: string): string {
  return `(ARRAY['Абенов','Жумабаева','Касымов','Нурланова','Сейтказиев','Ахметова','Иванов','Омарова','Тулегенов','Бекова'])[1 + (${n}) % 10]
    || ' ' || (ARRAY['Айгерим','Нурлан','Дана','Ерлан','Асель','Марат','Жанна','Тимур','Алия','Самат','Гульнара'])[1 + (${n}) % 11]
    || ' ' || (ARRAY['Серикович','Маратовна','Ерланович','Болатовна','Нурланович','Кайратовна','Асанович'])[1 + (${n}) % 7]`;
}

/**
 * SQL for a UUID derived from a kind and a row number (version-4 form, as the API's UUID pipes
 * require), so that seeded rows can refer to each other without being read back.
 */
/**
 * Candidates 1…count: accounts candidate-<n>@bench.test with ids seededUuid('candidate', n), and
 * their profiles (an ИИН from the birth date and n). `sex` is an SQL expression of g, the number.
 */
export async function insertCandidates(
  pool: Pool,
  count: number,
  options: { passwordHash?: string; birthDate?: string; sex?: string } = {},
): Promise<void> {
  const { passwordHash = 'not-a-hash', birthDate = '1985-01-01', sex = "'female'" } = options;
  const id = seededUuid('candidate', 'g');
  const series = `FROM generate_series(1, ${count}) g`;
  await pool.query(
    `INSERT INTO app_user (id, email, email_key, full_name, role, password_hash)
     SELECT ${id}, 'candidate-' || g || '@bench.test', 'candidate-' || g || '@bench.test', ${fullNameSql('g')},
            'candidate', $1 ${series}`,
    [passwordHash],
  );
  const iinPrefix = birthDate.slice(2).replaceAll('-', '');
  await pool.query(
    `INSERT INTO candidate_profile (user_id, iin, birth_date, sex)
     SELECT ${id}, '${iinPrefix}' || lpad(g::text, 6, '0'), date '${birthDate}', ${sex} ${series}`,
  );
}

export function seededUuid(kind: string, n: string): string {
  return `overlay(overlay(md5('${kind}-' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`;
}
