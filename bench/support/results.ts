import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes';

export interface TargetCheck {
  name: string;
  target: string;
  value: number;
  unit: string;
  met: boolean;
}

/** What the machine was and how busy it was when the benchmark began (other runs may share it). */
export function machine(): Record<string, unknown> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: +(totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    loadAverage1m: +loadavg()[0].toFixed(2),
  };
}

export const ratio = (system: number, baseline: number): number => +(system / baseline).toFixed(3);

export function check(
  name: string,
  value: number,
  unit: string,
  op: '>=' | '<' | '<=' | '==',
  limit: number,
): TargetCheck {
  const met =
    op === '>=' ? value >= limit : op === '<' ? value < limit : op === '<=' ? value <= limit : value === limit;
  return { name, target: `${op} ${limit} ${unit}`.trim(), value, unit, met };
}

export function writeResult(name: string, result: Record<string, unknown>): void {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const body = { benchmark: name, measuredAt: new Date().toISOString(), machine: machine(), ...result };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(body, null, 2)}\n`);
}

export function targetsText(targets: TargetCheck[]): string {
  return targets
    .map((t) => `${t.name} ${t.value}${t.unit ? ` ${t.unit}` : ''} (${t.target}: ${t.met ? 'met' : 'MISSED'})`)
    .join('; ');
}

/**
 * Benchmarks wipe and fill tables, so they run only against a database made for them (bench/run.sh
 * makes one per benchmark), never the default or someone's working database.
 */
export function requireBenchDatabase(): string {
  const url = process.env.DATABASE_URL ?? '';
  const name = decodeURIComponent(new URL(url || 'postgres://x/none').pathname.slice(1));
  if (!name.startsWith('qualcert_bench')) {
    throw new Error(`DATABASE_URL must name a qualcert_bench* database (run through npm run bench), not "${name}"`);
  }
  if (!(process.env.BULLMQ_PREFIX ?? '').startsWith('qualcert-bench')) {
    throw new Error('BULLMQ_PREFIX must start with qualcert-bench (run through npm run bench)');
  }
  return url;
}

/** A scratch directory for logs and files of one benchmark, removed by cleanup(). */
export function workDir(name: string): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), `qualcert-bench-${name}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
