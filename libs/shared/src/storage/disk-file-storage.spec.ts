import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { DiskFileStorage } from './disk-file-storage';
import { InvalidStorageKeyError, StoredFileNotFoundError } from './file-storage';

/** Every file under the folder, as paths relative to it. */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

describe('DiskFileStorage', () => {
  let work: string;
  let root: string;
  let storage: DiskFileStorage;
  const key = 'evidence/c1/3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7';

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'qualcert-disk-storage-'));
    root = join(work, 'nested', 'storage');
    storage = new DiskFileStorage(root);
  });

  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('creates its root folder, readable by the service only', async () => {
    expect((await stat(root)).isDirectory()).toBe(true);
    expect((await stat(root)).mode & 0o777).toBe(0o700);
    expect(storage.driver).toBe('disk');
  });

  it('resolves a relative root once, so that a later change of working directory cannot move it', () => {
    const relativeRoot = relative(process.cwd(), join(work, 'relative', '..', 'r'));
    expect(new DiskFileStorage(relativeRoot).root).toBe(join(work, 'r'));
  });

  it('stores a key as the file <root>/<key>, readable by the service only', async () => {
    await storage.put(key, Buffer.from('bytes'), 'application/pdf');
    const path = join(root, ...key.split('/'));
    await expect(readFile(path, 'utf8')).resolves.toBe('bytes');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file behind after writing', async () => {
    await Promise.all([
      storage.put(key, randomBytes(1024), 'application/pdf'),
      storage.put('evidence/c1/other', randomBytes(10), 'image/png'),
      storage.put('evidence/c2/other', randomBytes(10), 'image/png'),
      ...Array.from({ length: 5 }, () => storage.put('evidence/c3/same', Buffer.from('same'), 'image/png')),
    ]);
    expect(await listFiles(root)).toEqual(
      ['evidence/c1/other', key, 'evidence/c2/other', 'evidence/c3/same'].map((k) => join(...k.split('/'))).sort(),
    );
  });

  it('does not rewrite a file already stored with the same size', async () => {
    await storage.put(key, Buffer.from('first'), 'application/pdf');
    const before = await stat(join(root, key));
    await new Promise((done) => setTimeout(done, 20));
    await storage.put(key, Buffer.from('first'), 'application/pdf');
    const after = await stat(join(root, key));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('replaces a file of another size whole, as S3 would', async () => {
    await storage.put(key, Buffer.from('short'), 'application/pdf');
    await storage.put(key, Buffer.from('much longer bytes'), 'application/pdf');
    await expect(storage.get(key)).resolves.toEqual(Buffer.from('much longer bytes'));
    expect(await listFiles(root)).toEqual([join(...key.split('/'))]);
  });

  it('removes its temporary file when the final rename fails', async () => {
    await storage.put('evidence/c1/aaa', Buffer.from('child'), 'image/png');
    // "evidence/c1" is a folder, so the rename over it fails after the bytes were written.
    await expect(storage.put('evidence/c1', Buffer.from('parent'), 'image/png')).rejects.toThrow();
    expect(await listFiles(root)).toEqual([join('evidence', 'c1', 'aaa')]);
    await expect(storage.get('evidence/c1/aaa')).resolves.toEqual(Buffer.from('child'));
  });

  it('never shows a temporary file left by a crash as a stored file', async () => {
    const folder = join(root, 'evidence', 'c1');
    await mkdir(folder, { recursive: true });
    const name = key.split('/').pop() ?? '';
    await writeFile(join(folder, `.${name}.0b9d2f36-0c4f-4d4e-8f53-2d1e5f0a9c11.tmp`), 'half a fi');
    await expect(storage.exists(key)).resolves.toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredFileNotFoundError);
    await storage.put(key, Buffer.from('whole file'), 'application/pdf');
    await expect(storage.get(key)).resolves.toEqual(Buffer.from('whole file'));
  });

  it('writes nothing, anywhere, for a bad key', async () => {
    await expect(storage.put('../escaped', Buffer.from('x'), 'image/png')).rejects.toBeInstanceOf(
      InvalidStorageKeyError,
    );
    await expect(storage.put('/tmp/escaped', Buffer.from('x'), 'image/png')).rejects.toBeInstanceOf(
      InvalidStorageKeyError,
    );
    expect(existsSync(join(dirname(root), 'escaped'))).toBe(false);
    expect(await listFiles(work)).toEqual([]);
  });

  it('never leaves a partial file under a key when the process is killed mid-write', async () => {
    // A separate process writes 8 MiB files in a loop and is killed with SIGKILL after its first
    // completed write, somewhere inside a later one: every file then under a final name is whole.
    const size = 8 * 1024 * 1024;
    const script = `
      const { DiskFileStorage } = require(${JSON.stringify(join(__dirname, 'disk-file-storage.ts'))});
      const storage = new DiskFileStorage(${JSON.stringify(root)});
      (async () => {
        for (let i = 0; i < 1000; i += 1) {
          await storage.put('evidence/crash/k' + i, Buffer.alloc(${size}, i % 256), 'application/pdf');
          process.stdout.write('k' + i + '\\n');
        }
      })();
    `;
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: resolve(__dirname, '../../../..'),
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const completed: string[] = [];
    await new Promise<void>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        completed.push(...chunk.toString().split('\n').filter(Boolean));
        // Killed at a varying point, most often inside a write, after at least two have finished.
        if (completed.length === 2) setTimeout(() => child.kill('SIGKILL'), 5 + Math.random() * 30);
      });
      child.on('exit', () => done());
      child.on('error', fail);
    });
    expect(completed.length).toBeGreaterThanOrEqual(2);

    const fresh = new DiskFileStorage(root);
    const names = await readdir(join(root, 'evidence', 'crash'));
    const finals = names.filter((name) => !name.startsWith('.'));
    // Anything else is a temporary file of the interrupted write, which no key can name.
    expect(
      names.filter((name) => name.startsWith('.')).every((name) => /^\.k\d+\.[0-9a-f-]{36}\.tmp$/.test(name)),
    ).toBe(true);
    for (const name of completed) expect(finals).toContain(name);
    for (const name of finals) {
      const bytes = await fresh.get(`evidence/crash/${name}`);
      expect(bytes.length).toBe(size);
      expect(bytes.every((byte) => byte === Number(name.slice(1)) % 256)).toBe(true);
    }
  }, 60_000);
});
