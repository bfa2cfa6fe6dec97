import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMs, residentMb, RssSampler } from './processes';
import { ratio } from './results';

export interface LoadRequest {
  path: string;
  /** JSON text; sent with content-type application/json. */
  body?: string;
}

/** What one connection sends: its own headers, and requests to pick from at random. */
export interface ClientProfile {
  headers?: Record<string, string>;
  requests: LoadRequest[];
}

export interface LoadPlan {
  url: string;
  method: 'GET' | 'PUT' | 'POST';
  connections: number;
  durationSeconds: number;
  /** Connection i uses clients[i % clients.length]. */
  clients: ClientProfile[];
}

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  requestsPerSecond: number;
  totalRequests: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/**
 * The load run with the CPU time the serving processes spent on it, per request: on a shared
 * machine, throughput moves with the neighbours' load, CPU per request much less.
 */
export async function runMeasured(plan: LoadPlan, pids: number[]): Promise<LoadResult & { cpuMsPerRequest: number }> {
  const before = pids.map(cpuMs);
  const result = await runLoad(plan);
  const spent = pids.reduce((sum, pid, i) => sum + cpuMs(pid) - before[i], 0);
  return { ...result, cpuMsPerRequest: +(spent / Math.max(1, result.totalRequests)).toFixed(3) };
}

/** Runs autocannon in a child process against the plan and returns its summary. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qualcert-bench-load-'));
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  try {
    const child = spawn(process.execPath, [join(__dirname, 'load-generator.js'), planFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`the load generator failed (${code}): ${stderr}`);
    return JSON.parse(stdout.trim()) as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type MeasuredRun = LoadResult & { cpuMsPerRequest: number };

const best = (runs: MeasuredRun[]): MeasuredRun =>
  runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));

export interface LoadComparison {
  system: MeasuredRun;
  base: MeasuredRun;
  systemRuns: MeasuredRun[];
  baselineRuns: MeasuredRun[];
  lightSystem: LoadResult;
  lightBaseline: LoadResult;
  idleRssMb: number | null;
  memory: ReturnType<RssSampler['stop']>;
}

/**
 * The system and its baseline under the same load, in one run: both warmed up, then measured in
 * interleaved rounds (best round of each kept, since neighbours' load only ever slows a round),
 * then once more with a few connections, for latency without queueing (a closed loop holds all
 * its connections' requests in flight, so its latency is mostly waiting in line: Little's law).
 * The API's resident memory is sampled throughout the measured rounds.
 */
export async function compareUnderLoad(options: {
  plan: (url: string, durationSeconds: number) => LoadPlan;
  system: { url: string; pid: number; warmupSeconds: number };
  baseline: { url: string; pid: number; warmupSeconds: number };
  rounds: number;
  seconds: number;
  light: { seconds: number; connections: number };
}): Promise<LoadComparison> {
  const { plan, system, baseline } = options;
  const idleRssMb = residentMb(system.pid);
  await runLoad(plan(baseline.url, baseline.warmupSeconds));
  await runLoad(plan(system.url, system.warmupSeconds));
  const baselineRuns: MeasuredRun[] = [];
  const systemRuns: MeasuredRun[] = [];
  const rss = new RssSampler(system.pid).start();
  for (let round = 0; round < options.rounds; round += 1) {
    baselineRuns.push(await runMeasured(plan(baseline.url, options.seconds), [baseline.pid]));
    systemRuns.push(await runMeasured(plan(system.url, options.seconds), [system.pid]));
  }
  const light = (url: string) =>
    runLoad({ ...plan(url, options.light.seconds), connections: options.light.connections });
  const lightBaseline = await light(baseline.url);
  const lightSystem = await light(system.url);
  return {
    system: best(systemRuns),
    base: best(baselineRuns),
    systemRuns,
    baselineRuns,
    lightSystem,
    lightBaseline,
    idleRssMb,
    memory: rss.stop(),
  };
}

/** How a comparison is written in a result file: both sides' best and every run, and the ratios. */
export function comparisonRecord(
  c: LoadComparison,
  names: { baseline: string; system: string },
  lightConnections: number,
) {
  return {
    baseline: { name: names.baseline, best: c.base, runs: c.baselineRuns },
    system: { name: names.system, best: c.system, runs: c.systemRuns },
    light: { connections: lightConnections, baseline: c.lightBaseline, system: c.lightSystem },
    ratio: ratio(c.system.requestsPerSecond, c.base.requestsPerSecond),
    // The same comparison in CPU spent per request, steadier on a shared machine.
    cpuRatio: ratio(c.base.cpuMsPerRequest, c.system.cpuMsPerRequest),
  };
}
