import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DomainException, loadConfig } from '@qualcert/shared';
import {
  Correction,
  CorrectionsFileError,
  ImportSummary,
  readCorrectionsFile,
  StandardImportService,
} from '@qualcert/standards';
import { CliModule } from './cli.module';

const USAGE = 'usage: npm run standards:import -- <standard.txt> [--corrections <file.json>] [--dry-run]';

interface Args {
  file: string;
  correctionsFile: string | null;
  dryRun: boolean;
}

function parseArgs(argv: string[]): Args {
  const rest = [...argv];
  let file: string | null = null;
  let correctionsFile: string | null = null;
  let dryRun = false;
  while (rest.length > 0) {
    const arg = rest.shift() as string;
    if (arg === '--corrections') correctionsFile = rest.shift() ?? null;
    else if (arg === '--dry-run') dryRun = true;
    else if (!arg.startsWith('--') && file === null) file = arg;
    else throw new Error(`unexpected argument ${arg}\n${USAGE}`);
  }
  if (!file) throw new Error(USAGE);
  // By convention the corrections live beside the text: name.txt → name.corrections.json.
  const sibling = file.replace(/\.txt$/i, '') + '.corrections.json';
  if (correctionsFile === null && existsSync(sibling)) correctionsFile = sibling;
  return { file, correctionsFile, dryRun };
}

function loadCorrections(path: string | null): Correction[] {
  if (path === null) return [];
  return readCorrectionsFile(JSON.parse(readFileSync(path, 'utf8'))).corrections;
}

export function formatSummary(s: ImportSummary): string {
  const lines = [
    `${s.status === 'created' ? 'Imported' : 'Unchanged (this content is already stored)'}: ${s.title}`,
    `  version ${s.version} (${s.versionId}), content hash ${s.contentHash}`,
    `  cards: ${s.cards}`,
    `  functions: ${s.functions.mandatory} mandatory, ${s.functions.additional} additional`,
    `  skills: ${s.skills.total} (${s.skills.recommended} recognition recommended, ${s.skills.notRecommended} not recommended)`,
    `  abilities: ${s.abilities}, knowledge items: ${s.knowledgeItems}`,
    `  prerequisites: ${s.prerequisites.structured} cards structured, ${s.prerequisites.needsReview} need review`,
    `  corrections: ${s.corrections.filter((c) => c.applied).length} applied, ${s.corrections.filter((c) => !c.applied).length} not applied`,
    ...s.corrections.map(
      (c) =>
        `    [${c.applied ? 'applied' : 'NOT APPLIED'}] ${c.target}, ${c.field}: "${c.shouldRead}"${c.applied ? '' : ` (${c.reason ?? ''})`}`,
    ),
    `  warnings: ${s.warnings.length}${s.status === 'unchanged' ? ' (listed when the version was first imported)' : ''}`,
    ...(s.status === 'created' ? s.warnings.map((w) => `    line ${w.line}: ${w.code}: ${w.message}`) : []),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  loadConfig();
  const text = readFileSync(args.file, 'utf8');
  const corrections = loadCorrections(args.correctionsFile);
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const importer = app.get(StandardImportService);
    const request = { text, sourceName: basename(args.file), corrections };
    if (args.dryRun) {
      const { parsed, corrections: applied } = importer.prepare(request);
      process.stdout.write(
        `Dry run: ${parsed.title}: ${parsed.cards.length} cards, ${parsed.warnings.length} warnings, ${applied.length} corrections\n`,
      );
    } else {
      process.stdout.write(`${formatSummary(await importer.import(request))}\n`);
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DomainException) {
    process.stderr.write(`${error.code}: ${error.message}\n`);
  } else if (error instanceof CorrectionsFileError) {
    process.stderr.write(`CORRECTIONS_INVALID: ${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
