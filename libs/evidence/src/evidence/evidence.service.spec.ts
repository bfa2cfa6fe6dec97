import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { AccessService, Actor } from '@qualcert/identity';
import type { AppConfig, AuditService } from '@qualcert/shared';
import { DiskFileStorage } from '../storage/disk-file-storage';
import type { EvidenceQuotaRepository } from './evidence-quota.repository';
import { EvidenceService } from './evidence.service';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const actor: Actor = { userId: '11111111-1111-4111-8111-111111111111', role: 'candidate', centreIds: [] };
const meta = { type: 'course_certificate' as const, issuer: 'Учебный центр', issueDate: '2024-05-20' };

const config = { EVIDENCE_QUOTA_BYTES: 1024 * 1024 } as AppConfig;
const quota = {
  usedBytes: () => Promise.resolve(0),
  lock: () => Promise.resolve(),
} as unknown as EvidenceQuotaRepository;

/** Lists every file under a folder, hidden temporary files included. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
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
    const sut = new EvidenceService(
      dataSource,
      new DiskFileStorage(root),
      {} as AccessService,
      {} as AuditService,
      config,
      quota,
    );
    await expect(sut.upload(actor, { originalname: 'cert.pdf', buffer: PDF, size: PDF.length }, meta)).rejects.toThrow(
      'database unavailable',
    );
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses an impossible issue date before storing anything', async () => {
    const dataSource = { getRepository: () => ({ findOne: () => Promise.resolve(null) }) } as unknown as DataSource;
    const sut = new EvidenceService(
      dataSource,
      new DiskFileStorage(root),
      {} as AccessService,
      {} as AuditService,
      config,
      quota,
    );
    await expect(
      sut.upload(
        actor,
        { originalname: 'cert.pdf', buffer: PDF, size: PDF.length },
        { ...meta, issueDate: '2024-02-30' },
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses a file past the candidate’s storage quota before storing anything', async () => {
    const dataSource = {
      getRepository: () => ({ findOne: () => Promise.resolve(null) }),
      manager: {},
    } as unknown as DataSource;
    const full = { ...quota, usedBytes: () => Promise.resolve(config.EVIDENCE_QUOTA_BYTES - PDF.length + 1) };
    const sut = new EvidenceService(
      dataSource,
      new DiskFileStorage(root),
      {} as AccessService,
      {} as AuditService,
      config,
      full as unknown as EvidenceQuotaRepository,
    );
    await expect(
      sut.upload(actor, { originalname: 'cert.pdf', buffer: PDF, size: PDF.length }, meta),
    ).rejects.toMatchObject({
      code: 'STORAGE_QUOTA_EXCEEDED',
    });
    expect(filesUnder(root)).toEqual([]);
  });
});
