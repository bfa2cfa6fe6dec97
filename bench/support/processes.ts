import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository root, seen from dist/bench/support. */
export const ROOT = join(__dirname, '..', '..', '..');

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Where its stdout and stderr go: a file, as a log collector would take them. */
  logFile: string;
  exited: Promise<number | string>;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What production requires (app-config.ts): real secrets and the production mode. Fresh per run;
 * nothing signed here outlives the run.
 */
export function productionEnv(workDir: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    LOG_PRETTY: 'false',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    CREDENTIAL_SIGNING_KEY: randomBytes(32).toString('base64'),
    METRICS_TOKEN: randomBytes(24).toString('base64url'),
    STORAGE_DRIVER: 'disk',
    STORAGE_DISK_PATH: join(workDir, 'storage'),
  };
}

/**
 * Starts a compiled script as a process of its own, its output sent to a file (piping it through
 * this process would spend the CPU the measured processes need). Resolves once ready() holds.
 */
export async function startProcess(options: {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  workDir: string;
  ready: (logText: () => string) => Promise<boolean>;
  timeoutMs?: number;
}): Promise<ServiceProcess> {
  mkdirSync(options.workDir, { recursive: true });
  const logFile = join(options.workDir, `${options.name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [options.script, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let done = false;
  void exited.then(() => (done = true));
  const logText = () => readFileSync(logFile, 'utf8');
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (done) throw new Error(`${options.name} exited before it was ready:\n${logText().slice(-4000)}`);
    if (await options.ready(logText).catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} was not ready in time:\n${logText().slice(-4000)}`);
    }
    await sleep(200);
  }
  const stop = async (): Promise<void> => {
    if (done) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { name: options.name, child, pid: child.pid as number, logFile, exited, stop };
}

/** The production build of the API, ready once /health answers 200. */
export async function startApi(
  workDir: string,
  env: Record<string, string>,
): Promise<{ api: ServiceProcess; port: number; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = await startProcess({
    name: 'api',
    script: join(ROOT, 'dist/apps/api/src/main.js'),
    // As deployed (Dockerfile, scripts/start.sh): a bounded heap.
    // BENCH_API_NODE_OPTIONS adds options for a profile (bench/support/cpu-profile.ts).
    env: {
      NODE_OPTIONS: `--max-old-space-size=192 ${process.env.BENCH_API_NODE_OPTIONS ?? ''}`.trim(),
      ...env,
      PORT: String(port),
      PUBLIC_BASE_URL: url,
    },
    workDir,
    ready: async () => (await fetch(`${url}/health`)).status === 200,
  });
  return { api, port, url };
}

/**
 * The production build of the worker (or another script, with arguments), ready once it logs
 * "worker ready".
 */
export async function startWorker(
  workDir: string,
  name: string,
  env: Record<string, string>,
  script = join(ROOT, 'dist/apps/worker/src/main.js'),
  args: string[] = [],
): Promise<ServiceProcess> {
  return startProcess({
    name,
    script,
    args,
    env,
    workDir,
    ready: (log) => Promise.resolve(log().includes('"msg":"worker ready"')),
  });
}

/** Resident memory of a process in MB, from /proc (null when it cannot be read). */
export function residentMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? +(Number(match[1]) / 1024).toFixed(1) : null;
  } catch {
    return null;
  }
}

/** Samples a process's resident memory at an interval until stopped. */
export class RssSampler {
  private readonly samples: number[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 250,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  stop(): { maxMb: number; lastMb: number; samples: number } {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return {
      maxMb: Math.max(...this.samples),
      lastMb: this.samples[this.samples.length - 1],
      samples: this.samples.length,
    };
  }

  private sample(): void {
    const mb = residentMb(this.pid);
    if (mb !== null) this.samples.push(mb);
  }
}

/** The bare baseline server (baseline-server.ts), ready once it answers. */
export async function startBaselineServer(
  workDir: string,
  env: Record<string, string>,
): Promise<{ server: ServiceProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess({
    name: 'baseline',
    script: join(__dirname, 'baseline-server.js'),
    env: { ...env, PORT: String(port) },
    workDir,
    ready: async () => (await fetch(`${url}/ready`)).status === 200,
  });
  return { server, url };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime, fields 14 and 15 of stat, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
