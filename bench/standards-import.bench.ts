import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@qualcert/database';
import { AuditService, loadConfig } from '@qualcert/shared';
import {
  parseStandard,
  readCorrectionsFile,
  StandardImportRepository,
  StandardImportService,
} from '@qualcert/standards';
import { check } from './support/results';

/**
 * Importing the seed standard into an empty catalogue, against a baseline measured in the same
 * run: parsing the same text alone. The ratio shows what storing costs on top of reading.
 * Run against a database of its own: it empties the catalogue between rounds.
 */
const ROUNDS = 15;
const root = join(__dirname, '..', '..');
const text = readFileSync(join(root, 'standards/kz-ps-reference-information-services-2025.txt'), 'utf8');
const corrections = readCorrectionsFile(
  JSON.parse(readFileSync(join(root, 'standards/kz-ps-reference-information-services-2025.corrections.json'), 'utf8')),
).corrections;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  Logger.overrideLogger(['warn', 'error']);
  const dataSource = await new DataSource(dataSourceOptions(loadConfig().DATABASE_URL)).initialize();
  const importer = new StandardImportService(dataSource, new StandardImportRepository(dataSource), new AuditService());
  const parse: number[] = [];
  const store: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      await dataSource.query(
        'TRUNCATE skill_ability, skill_knowledge, skill, labour_function, profession_card, standard_version, standard CASCADE',
      );
      let started = performance.now();
      parseStandard(text);
      parse.push(performance.now() - started);
      started = performance.now();
      const summary = await importer.import({ text, sourceName: 'bench.txt', corrections });
      store.push(performance.now() - started);
      if (summary.status !== 'created') throw new Error('expected a fresh import');
    }
  } finally {
    await dataSource.destroy();
  }
  const result = {
    benchmark: 'standards-import',
    rounds: ROUNDS,
    baseline: { name: 'parse only', medianMs: +median(parse).toFixed(2) },
    system: { name: 'parse + store in one transaction (empty catalogue)', medianMs: +median(store).toFixed(2) },
    ratio: +(median(store) / median(parse)).toFixed(2),
    target: 'import well under 2000 ms',
    targets: [check('import', +median(store).toFixed(2), 'ms', '<', 2000)],
  };
  process.stdout.write(
    `standards import: ${result.system.medianMs} ms (median of ${ROUNDS}); parse alone ${result.baseline.medianMs} ms; ` +
      `import/parse = ${result.ratio}x\n`,
  );
  writeFileSync(join(root, 'bench/results/standards-import.json'), `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
