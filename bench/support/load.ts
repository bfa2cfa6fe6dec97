import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMs } from './processes';

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
