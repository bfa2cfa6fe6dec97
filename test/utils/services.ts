import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@qualcert/database';
import { eventually } from './fixtures';

const run = promisify(execFile);

/** A port nobody listens on now: the operating system picks it. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A Redis of a test's own, which it may stop and start again without disturbing anything else.
 * It keeps nothing on disk, like the machine's: a restart empties it, which is the harder case.
 */
export class ThrowawayRedis {
  private process: ChildProcess | null = null;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** Starts it; the first start picks the port, a restart keeps it. */
  async start(): Promise<void> {
    if (this.process) return;
    if (this.port === 0) this.port = await freePort();
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await eventually(
      () => this.ping(),
      (ok) => ok,
      10000,
    );
  }

  async stop(): Promise<void> {
    const running = this.process;
    if (!running) return;
    this.process = null;
    if (running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const probe = spawn('redis-cli', ['-p', String(this.port), 'ping']);
      let out = '';
      probe.stdout.on('data', (d: Buffer) => (out += d.toString()));
      probe.on('exit', () => resolve(out.includes('PONG')));
    });
  }
}

/**
 * A PostgreSQL cluster of a test's own (initdb into a temporary folder, its own port), so that a
 * test can stop and restart it. The server refuses to run as root: as root, it runs as the
 * machine's `postgres` user.
 */
export class ThrowawayPostgres {
  port = 0;

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/qualcert`;
  }

  private readonly dir = mkdtempSync(join(tmpdir(), 'qualcert-pg-'));
  private bin = '';

  private async pg(tool: string, args: string[]): Promise<void> {
    const command = join(this.bin, tool);
    if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
    else await run(command, args);
  }

  /** initdb, start, create the database and run every migration. */
  async create(): Promise<void> {
    this.bin = (await run('pg_config', ['--bindir'])).stdout.trim();
    this.port = await freePort();
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      chownSync(this.dir, Number(stdout.trim()), -1);
    }
    await this.pg('initdb', ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await this.start();
    const client = new Client({ connectionString: this.url.replace(/\/qualcert$/, '/postgres') });
    await client.connect();
    await client.query('CREATE DATABASE qualcert');
    await client.end();
    const dataSource = await new DataSource(dataSourceOptions(this.url)).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
  }

  async start(): Promise<void> {
    await this.pg('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c full_page_writes=off`,
      '-w',
      'start',
    ]);
  }

  /** Fast shutdown: open sessions are ended, as on a restart of the server. */
  async stop(): Promise<void> {
    await this.pg('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
