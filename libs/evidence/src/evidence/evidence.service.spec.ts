import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { AccessService, Actor } from '@qualcert/identity';
import { type AppConfig, type AuditService, DiskFileStorage, type FileStorage } from '@qualcert/shared';
import { CheckedBytes, UploadCheck } from '../files/upload-check';
import type { EvidenceQuotaRepository } from './evidence-quota.repository';
import type { ReceivedUpload } from './evidence-upload.interceptor';
import { EvidenceService } from './evidence.service';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const actor: Actor = { userId: '11111111-1111-4111-8111-111111111111', role: 'candidate', centreIds: [] };
const meta = { type: 'course_certificate' as const, issuer: 'Учебный центр', issueDate: '2024-05-20' };

const config = { EVIDENCE_QUOTA_BYTES: 1024 * 1024 } as AppConfig;
const quota = {
  usedBytes: () => Promise.resolve(0),
  lock: () => Promise.resolve(),
} as unknown as EvidenceQuotaRepository;

/** Lists every file under a folder, hidden temporary and staged files included. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The files under a key: everything but the bytes staged by putStream. */
const keyedFilesUnder = (dir: string) => filesUnder(dir).filter((f) => !f.includes('/.staging/'));

/** The PDF as EvidenceUploadInterceptor hands it to the route: judged, hashed and staged. */
async function received(storage: FileStorage): Promise<ReceivedUpload> {
  const check = new UploadCheck(1024 * 1024);
  const staged = await storage.putStream(Readable.from([PDF]).pipe(check));
  return { originalname: 'cert.pdf', staged, ...(check.result as CheckedBytes) };
}

describe('EvidenceService.upload when the database refuses the row', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'qualcert-evidence-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('removes the file it stored, so a failed upload leaves no orphan', async () => {
    const dataSource = {
      getRepository: () => ({ findOne: () => Promise.resolve(null) }),
      manager: {},
      transaction: () => Promise.reject(new Error('database unavailable')),
    } as unknown as DataSource;
    const storage = new DiskFileStorage(root);
    const sut = new EvidenceService(dataSource, storage, {} as AccessService, {} as AuditService, config, quota);
    await expect(sut.upload(actor, await received(storage), meta)).rejects.toThrow('database unavailable');
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses an impossible issue date before the file gets a key', async () => {
    const dataSource = { getRepository: () => ({ findOne: () => Promise.resolve(null) }) } as unknown as DataSource;
    const storage = new DiskFileStorage(root);
    const sut = new EvidenceService(dataSource, storage, {} as AccessService, {} as AuditService, config, quota);
    const file = await received(storage);
    await expect(sut.upload(actor, file, { ...meta, issueDate: '2024-02-30' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(keyedFilesUnder(root)).toEqual([]);
    // What the interceptor does once the route has answered.
    await file.staged.discard();
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses a file past the candidate’s storage quota before the file gets a key', async () => {
    const dataSource = {
      getRepository: () => ({ findOne: () => Promise.resolve(null) }),
      manager: {},
    } as unknown as DataSource;
    const full = { ...quota, usedBytes: () => Promise.resolve(config.EVIDENCE_QUOTA_BYTES - PDF.length + 1) };
    const storage = new DiskFileStorage(root);
    const sut = new EvidenceService(
      dataSource,
      storage,
      {} as AccessService,
      {} as AuditService,
      config,
      full as unknown as EvidenceQuotaRepository,
    );
    const file = await received(storage);
    await expect(sut.upload(actor, file, meta)).rejects.toMatchObject({ code: 'STORAGE_QUOTA_EXCEEDED' });
    expect(keyedFilesUnder(root)).toEqual([]);
    await file.staged.discard();
    expect(filesUnder(root)).toEqual([]);
  });
});
