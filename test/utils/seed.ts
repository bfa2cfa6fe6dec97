import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Correction, ImportSummary, readCorrectionsFile, StandardImportService } from '@qualcert/standards';

export const SEED_FILE = 'kz-ps-reference-information-services-2025.txt';
const SEED_PATH = join(__dirname, '../../standards', SEED_FILE);
const CORRECTIONS_PATH = SEED_PATH.replace(/\.txt$/, '.corrections.json');

export const seedText = (): string => readFileSync(SEED_PATH, 'utf8');

export function seedCorrections(): Correction[] {
  try {
    return readCorrectionsFile(JSON.parse(readFileSync(CORRECTIONS_PATH, 'utf8'))).corrections;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Imports the seed standard as the CLI does: the text with the corrections kept beside it. */
export function importSeed(app: INestApplication, text = seedText()): Promise<ImportSummary> {
  return app.get(StandardImportService).import({ text, sourceName: SEED_FILE, corrections: seedCorrections() });
}
