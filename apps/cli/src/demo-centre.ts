import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CentreEntity, CentresService } from '@qualcert/centres';
import { Actor } from '@qualcert/identity';
import { loadConfig, toIsoDay } from '@qualcert/shared';
import { DemoCliModule } from './cli.module';

const DEMO_CODE = 'DEMO';

/**
 * The quick start's demo centre: created once, accredited for the call-centre operator cards
 * (ОРК 3 and 4) of the newest imported version of each standard, acting as the first admin so
 * that the audit trail says who did it. Safe to run again.
 */
async function main(): Promise<void> {
  loadConfig();
  const app = await NestFactory.createApplicationContext(DemoCliModule, { logger: ['error', 'warn'] });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const centres = app.get(CentresService);
    const [admin] = await dataSource.query<{ id: string }[]>(
      "SELECT id FROM app_user WHERE role = 'admin' AND status = 'active' ORDER BY created_at LIMIT 1",
    );
    if (!admin) throw new Error('no admin account yet: run npm run admin:create first');
    const actor: Actor = { userId: admin.id, role: 'admin', centreIds: [] };

    let centre = await dataSource.getRepository(CentreEntity).findOne({ where: { code: DEMO_CODE } });
    if (!centre) {
      const created = await centres.create(actor, {
        code: DEMO_CODE,
        name: 'Демонстрационный центр оценки квалификаций',
        region: 'г. Астана',
        address: 'пр. Мангилик Ел, 55/20',
        email: 'demo@qualcert.local',
      });
      centre = await dataSource.getRepository(CentreEntity).findOneByOrFail({ id: created.id });
    }
    const cards = await dataSource.query<{ id: string; name: string; ork_level: number }[]>(
      `SELECT c.id, c.name, c.ork_level
         FROM profession_card c
         JOIN standard_version v ON v.id = c.standard_version_id
        WHERE v.version = (SELECT MAX(version) FROM standard_version WHERE standard_id = v.standard_id)
          AND c.ork_level IN (3, 4) AND c.occupation_code = '4224-5-003'
          AND NOT EXISTS (SELECT 1 FROM accreditation a WHERE a.card_id = c.id AND a.centre_id = $1 AND a.status = 'active')
        ORDER BY c.ork_level`,
      [centre.id],
    );
    if (cards.length > 0) {
      const today = new Date();
      const until = new Date(Date.UTC(today.getUTCFullYear() + 3, today.getUTCMonth(), today.getUTCDate()));
      await centres.accredit(actor, centre.id, {
        cardIds: cards.map((c) => c.id),
        validFrom: toIsoDay(today),
        validTo: toIsoDay(until),
        documentRef: 'Демонстрационная аккредитация',
      });
    }
    const accredited = await centres.listAccreditations(actor, centre.id);
    process.stdout.write(
      `Demo centre ${centre.code} (${centre.id}): ${accredited.filter((a) => a.inForce).length} accreditations in force\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
