import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { type ApplicationEntity, lockApplication, findApplication } from '@qualcert/candidates';
import { AccessService, type Actor } from '@qualcert/identity';
import { type AppConfig, AuditService, DiskFileStorage, type FileStorage } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { type CardOutline, CardOutlineReader } from '@qualcert/standards';
import type { EvidenceClaimEntity } from '../entities/evidence-claim.entity';
import type { EvidenceFileEntity } from '../entities/evidence-file.entity';
import { CheckedBytes, UploadCheck } from '../files/upload-check';
import type { EvidenceQuotaRepository } from './evidence-quota.repository';
import { EvidenceRepository } from './evidence.repository';
import type { ReceivedUpload } from './evidence-upload.interceptor';
import { EvidenceService } from './evidence.service';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const actor: Actor = { userId: '11111111-1111-4111-8111-111111111111', role: 'candidate', centreIds: [] };
const meta = { type: 'course_certificate' as const, issuer: 'Учебный центр', issueDate: '2024-05-20' };

jest.mock('@qualcert/candidates', () => ({
  ...jest.requireActual<object>('@qualcert/candidates'),
  lockApplication: jest.fn(),
  findApplication: jest.fn(),
}));
const applicationLocked = lockApplication as jest.MockedFunction<typeof lockApplication>;
const applicationFound = findApplication as jest.MockedFunction<typeof findApplication>;

/** No file with the same content yet; nothing else is read before the transaction. */
const noDuplicate = { findByContent: () => Promise.resolve(null) } as unknown as EvidenceRepository;

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
      manager: {},
      transaction: () => Promise.reject(new Error('database unavailable')),
    } as unknown as DataSource;
    const storage = new DiskFileStorage(root);
    const sut = new EvidenceService(
      dataSource,
      storage,
      {} as AccessService,
      {} as AuditService,
      config,
      quota,
      noDuplicate,
      {} as CardOutlineReader,
    );
    await expect(sut.upload(actor, await received(storage), meta)).rejects.toThrow('database unavailable');
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses an impossible issue date before the file gets a key', async () => {
    const dataSource = {} as DataSource;
    const storage = new DiskFileStorage(root);
    const sut = new EvidenceService(
      dataSource,
      storage,
      {} as AccessService,
      {} as AuditService,
      config,
      quota,
      noDuplicate,
      {} as CardOutlineReader,
    );
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
    const dataSource = { manager: {} } as unknown as DataSource;
    const full = { ...quota, usedBytes: () => Promise.resolve(config.EVIDENCE_QUOTA_BYTES - PDF.length + 1) };
    const storage = new DiskFileStorage(root);
    const sut = new EvidenceService(
      dataSource,
      storage,
      {} as AccessService,
      {} as AuditService,
      config,
      full as unknown as EvidenceQuotaRepository,
      noDuplicate,
      {} as CardOutlineReader,
    );
    const file = await received(storage);
    await expect(sut.upload(actor, file, meta)).rejects.toMatchObject({ code: 'STORAGE_QUOTA_EXCEEDED' });
    expect(keyedFilesUnder(root)).toEqual([]);
    await file.staged.discard();
    expect(filesUnder(root)).toEqual([]);
  });
});

const APPLICATION_ID = '22222222-2222-4222-8222-222222222222';
const CANDIDATE_ID = actor.userId;

const application = (overrides: Partial<ApplicationEntity> = {}) =>
  ({
    id: APPLICATION_ID,
    candidateId: CANDIDATE_ID,
    cardId: 'card',
    pathway: 'recognition',
    status: 'draft',
    ...overrides,
  }) as ApplicationEntity;

/** A card of one function with a skill the standard recommends recognising (s1) and one it does not (s2). */
const outline: CardOutline = {
  cardId: 'card',
  functions: [
    {
      id: 'f1',
      kind: 'mandatory',
      number: 1,
      title: 'Function',
      skills: [
        { id: 's1', recognition: 'recommended' as const },
        { id: 's2', recognition: 'not_recommended' as const },
      ].map((s, i) => ({
        ...s,
        functionId: 'f1',
        number: i + 1,
        label: `1.${i + 1}`,
        title: `Skill ${i + 1}`,
        abilities: [],
        knowledge: [],
      })),
    },
  ],
};

const evidenceFile = { id: 'ev', candidateId: CANDIDATE_ID } as EvidenceFileEntity;

/** The service with its repositories and collaborators mocked, and a transaction that runs at once. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { manager, transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const mocks = {
    manager,
    repository: automock(EvidenceRepository),
    access: automock(AccessService),
    audit: automock(AuditService),
    outlines: automock(CardOutlineReader),
  };
  const sut = new EvidenceService(
    dataSource as unknown as DataSource,
    {} as FileStorage,
    mocks.access,
    mocks.audit,
    config,
    quota,
    mocks.repository,
    mocks.outlines,
  );
  mocks.outlines.read.mockResolvedValue(outline);
  mocks.repository.reopenedSkillIds.mockResolvedValue([]);
  mocks.repository.findOwned.mockResolvedValue(evidenceFile);
  mocks.repository.claimsOf.mockResolvedValue([]);
  applicationLocked.mockResolvedValue(application());
  applicationFound.mockResolvedValue(application());
  return { sut, mocks };
}

describe('EvidenceService.addClaims', () => {
  const claim = (skillIds: string[]) => ({ evidenceId: 'ev', skillIds });

  it('claims the file for recommended skills of the application’s card, once each, and audits it', async () => {
    const { sut, mocks } = newTestService();
    await sut.addClaims(actor, APPLICATION_ID, claim(['s1', 's1']));
    expect(mocks.repository.insertClaims).toHaveBeenCalledWith(mocks.manager, APPLICATION_ID, 'ev', ['s1']);
    expect(mocks.audit.record).toHaveBeenCalledWith(
      mocks.manager,
      expect.objectContaining({
        action: 'application.evidence_claimed',
        after: { evidenceId: 'ev', skillIds: ['s1'] },
      }),
    );
  });

  it('refuses a skill that is not the card’s (SKILL_NOT_IN_CARD), naming it', async () => {
    const { sut, mocks } = newTestService();
    await expect(sut.addClaims(actor, APPLICATION_ID, claim(['s1', 'elsewhere']))).rejects.toMatchObject({
      code: 'SKILL_NOT_IN_CARD',
      details: { skillIds: ['elsewhere'] },
    });
    expect(mocks.repository.insertClaims).not.toHaveBeenCalled();
  });

  it('refuses a skill the standard does not recommend recognising (SKILL_NOT_RECOGNISABLE), naming it', async () => {
    const { sut, mocks } = newTestService();
    await expect(sut.addClaims(actor, APPLICATION_ID, claim(['s1', 's2']))).rejects.toMatchObject({
      code: 'SKILL_NOT_RECOGNISABLE',
      details: { skills: [{ id: 's2', title: 'Skill 2', recognition: 'not_recommended' }] },
    });
    expect(mocks.repository.insertClaims).not.toHaveBeenCalled();
  });

  it('refuses claims on the assessment pathway (PATHWAY_MISMATCH)', async () => {
    const { sut, mocks } = newTestService();
    applicationLocked.mockResolvedValue(application({ pathway: 'assessment' }));
    await expect(sut.addClaims(actor, APPLICATION_ID, claim(['s1']))).rejects.toMatchObject({
      code: 'PATHWAY_MISMATCH',
    });
    expect(mocks.repository.insertClaims).not.toHaveBeenCalled();
  });

  it('refuses a file that is not the candidate’s own (404)', async () => {
    const { sut, mocks } = newTestService();
    mocks.repository.findOwned.mockResolvedValue(null);
    await expect(sut.addClaims(actor, APPLICATION_ID, claim(['s1']))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(mocks.repository.findOwned).toHaveBeenCalledWith(mocks.manager, 'ev', CANDIDATE_ID);
  });

  it('after submission, lets the claims grow only for skills an assessor asked more evidence for', async () => {
    const { sut, mocks } = newTestService();
    applicationLocked.mockResolvedValue(application({ status: 'submitted' }));
    await expect(sut.addClaims(actor, APPLICATION_ID, claim(['s1']))).rejects.toMatchObject({
      code: 'APPLICATION_FROZEN',
    });
    mocks.repository.reopenedSkillIds.mockResolvedValue(['s1']);
    // Every skill claimed must be one asked for again.
    await expect(sut.addClaims(actor, APPLICATION_ID, claim(['s1', 's2']))).rejects.toMatchObject({
      code: 'APPLICATION_FROZEN',
    });
    await sut.addClaims(actor, APPLICATION_ID, claim(['s1']));
    expect(mocks.repository.insertClaims).toHaveBeenCalledTimes(1);
  });
});

describe('EvidenceService.removeClaim', () => {
  it('refuses once the application is frozen (APPLICATION_FROZEN), removing nothing', async () => {
    const { sut, mocks } = newTestService();
    applicationLocked.mockResolvedValue(application({ status: 'submitted' }));
    await expect(sut.removeClaim(actor, APPLICATION_ID, 'ev', 's1')).rejects.toMatchObject({
      code: 'APPLICATION_FROZEN',
    });
    expect(mocks.repository.deleteClaim).not.toHaveBeenCalled();
  });

  it('answers 404 for a claim that is not there', async () => {
    const { sut, mocks } = newTestService();
    mocks.repository.deleteClaim.mockResolvedValue(false);
    await expect(sut.removeClaim(actor, APPLICATION_ID, 'ev', 's1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(mocks.audit.record).not.toHaveBeenCalled();
  });
});

describe('EvidenceService.skillPlan', () => {
  it('sends every skill to the exam on the assessment pathway', async () => {
    const { sut, mocks } = newTestService();
    applicationFound.mockResolvedValue(application({ pathway: 'assessment' }));
    mocks.repository.claimsOf.mockResolvedValue([{ skillId: 's1', evidenceId: 'ev' } as EvidenceClaimEntity]);
    const plan = await sut.skillPlan(actor, APPLICATION_ID);
    expect(plan.map((p) => p.route)).toEqual(['exam', 'exam']);
  });

  it('on recognition, reviews the evidence of a recommended skill with a claim, and examines the rest', async () => {
    const { sut, mocks } = newTestService();
    mocks.repository.claimsOf.mockResolvedValue([
      { skillId: 's1', evidenceId: 'ev' } as EvidenceClaimEntity,
      { skillId: 's2', evidenceId: 'ev' } as EvidenceClaimEntity,
    ]);
    const plan = await sut.skillPlan(actor, APPLICATION_ID);
    expect(plan.map((p) => [p.skillId, p.route, p.evidenceIds])).toEqual([
      ['s1', 'evidence_review', ['ev']],
      ['s2', 'exam', ['ev']],
    ]);
    mocks.repository.claimsOf.mockResolvedValue([]);
    expect((await sut.skillPlan(actor, APPLICATION_ID)).map((p) => p.route)).toEqual(['exam', 'exam']);
  });

  it('lists the skills in the card’s order, with their function', async () => {
    const { sut } = newTestService();
    const plan = await sut.skillPlan(actor, APPLICATION_ID);
    expect(plan.map((p) => [p.functionKind, p.functionNumber, p.skillNumber, p.title])).toEqual([
      ['mandatory', 1, 1, 'Skill 1'],
      ['mandatory', 1, 2, 'Skill 2'],
    ]);
  });
});
