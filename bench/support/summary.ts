import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes';
import { targetsText, type TargetCheck } from './results';

/**
 * One line per result file after a run: every benchmark's targets, met or missed, in one place
 * (the benchmarks' own lines scroll by between their set-up output).
 */
const dir = join(ROOT, 'bench/results');
const results = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { benchmark: string; targets?: TargetCheck[] });
let missed = 0;
process.stdout.write('\nsummary\n');
for (const r of results) {
  const targets = r.targets ?? [];
  missed += targets.filter((t) => !t.met).length;
  process.stdout.write(`  ${r.benchmark}: ${targets.length > 0 ? targetsText(targets) : 'no target'}\n`);
}
process.stdout.write(`  ${missed === 0 ? 'every target met' : `${missed} target(s) missed`}\n`);
