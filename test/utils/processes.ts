import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 90000;

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the process wrote, for a failing test's message. */
  output: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/**
 * A process of the system (`apps/<name>/src/main.ts`) of its own, from the TypeScript sources
 * (no build needed), so a test can kill it as an operating system would. It inherits the test's
 * database, Redis and queue prefix; `env` adds or overrides. Ready when it logs `readyMessage`.
 */
async function spawnApp(entry: string, readyMessage: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry],
    {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} did not start within ${READY_TIMEOUT_MS} ms:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyMessage)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { child, output: () => output, exited };
}

/** The real worker (queue processors and the outbox relay) as a process of its own. */
export function spawnWorker(env: Record<string, string> = {}): Promise<WorkerProcess> {
  return spawnApp('apps/worker/src/main.ts', '"msg":"worker ready"', env);
}

/** The real HTTP API as a process of its own, listening on `port`. */
export function spawnApi(port: number, env: Record<string, string> = {}): Promise<WorkerProcess> {
  return spawnApp('apps/api/src/main.ts', '"msg":"listening on', { PORT: String(port), ...env });
}

/** Sends the signal and waits for the process to end. */
export async function stopProcess(worker: WorkerProcess, signal: NodeJS.Signals): Promise<number | string> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill(signal);
  return worker.exited;
}
