import type { DataSource, EntityManager } from 'typeorm';
import { appliedAtAny, employersOf } from '@qualcert/candidates';
import { AccessService, findAssessor, type Actor } from '@qualcert/identity';
import { AuditService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { findCard, findCards, type ProfessionCardEntity } from '@qualcert/standards';
import type {
  AssessorAccreditationEntity,
  AssessorProfileEntity,
  ConflictDeclarationEntity,
} from './assessor.entities';
import { AssessorsRepository } from './assessors.repository';
import { AssessorsService } from './assessors.service';

jest.mock('@qualcert/identity', () => ({
  ...jest.requireActual<object>('@qualcert/identity'),
  findAssessor: jest.fn(),
}));
jest.mock('@qualcert/candidates', () => ({
  ...jest.requireActual<object>('@qualcert/candidates'),
  appliedAtAny: jest.fn(),
  employersOf: jest.fn(),
}));
jest.mock('@qualcert/standards', () => ({
  ...jest.requireActual<object>('@qualcert/standards'),
  findCard: jest.fn(),
  findCards: jest.fn(),
}));
const assessorAccount = findAssessor as jest.MockedFunction<typeof findAssessor>;
const applied = appliedAtAny as jest.MockedFunction<typeof appliedAtAny>;
const employers = employersOf as jest.MockedFunction<typeof employersOf>;
const cardOf = findCard as jest.MockedFunction<typeof findCard>;
const cardsOf = findCards as jest.MockedFunction<typeof findCards>;

const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['centre'] };
const ASSESSOR: Actor = { userId: 'assessor', role: 'assessor', centreIds: ['centre'] };
const TODAY = '2030-03-01';

const accreditation = (overrides: Partial<AssessorAccreditationEntity> = {}) =>
  ({
    id: 'acc',
    assessorId: 'assessor',
    cardId: 'card',
    validFrom: '2030-01-01',
    validTo: '2030-12-31',
    status: 'active',
    ...overrides,
  }) as AssessorAccreditationEntity;

const conflict = (overrides: Partial<ConflictDeclarationEntity> = {}): ConflictDeclarationEntity => ({
  id: 'conflict',
  assessorId: 'assessor',
  kind: 'candidate',
  candidateId: 'c1',
  employer: null,
  reason: 'neighbour',
  status: 'open',
  closedReason: null,
  closedAt: null,
  createdAt: new Date('2030-01-01T00:00:00Z'),
  ...overrides,
});

/** The service with its repository and collaborators mocked, and a manager that writes nothing. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { manager, transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const mocks = {
    manager,
    repository: automock(AssessorsRepository),
    access: automock(AccessService),
    audit: automock(AuditService),
  };
  mocks.repository.record.mockResolvedValue({ profile: null, accreditations: [], conflicts: [] });
  mocks.repository.impartialityFacts.mockResolvedValue({
    profile: { userId: 'assessor', orkLevel: 5, field: 'welding' } as AssessorProfileEntity,
    accreditations: [accreditation()],
    openConflicts: [],
  });
  assessorAccount.mockReset().mockResolvedValue({ id: 'assessor', fullName: 'A. Assessor' });
  applied.mockReset().mockResolvedValue(true);
  employers.mockReset().mockImplementation((_m, ids) => Promise.resolve(new Map(ids.map((id) => [id, []]))));
  cardOf.mockReset().mockResolvedValue({ id: 'card', orkLevel: 4 } as ProfessionCardEntity);
  cardsOf
    .mockReset()
    .mockImplementation((_m, ids) => Promise.resolve(ids.map((id) => ({ id }) as ProfessionCardEntity)));
  const sut = new AssessorsService(dataSource as unknown as DataSource, mocks.repository, mocks.access, mocks.audit);
  return { sut, mocks };
}

describe(AssessorsService.name, () => {
  describe('who manages an assessor', () => {
    const CANDIDATE: Actor = { userId: 'candidate', role: 'candidate', centreIds: [] };
    it.each([
      ['an assessor reading another assessor', { ...ASSESSOR, userId: 'other' }],
      ['a candidate', CANDIDATE],
    ])('answers 404 to %s', async (_case, actor) => {
      const { sut } = newTestService();
      await expect(sut.get(actor, 'assessor')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('answers 404 for an account that is not an assessor’s', async () => {
      const { sut, mocks } = newTestService();
      assessorAccount.mockResolvedValue(null);
      await expect(sut.setProfile(MANAGER, 'manager2', { orkLevel: 5, field: 'x' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(mocks.repository.setProfile).not.toHaveBeenCalled();
    });

    it('lets an assessor read their own record without being a manager', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.record.mockResolvedValue({
        profile: { userId: 'assessor', orkLevel: 5, field: 'welding' } as AssessorProfileEntity,
        accreditations: [accreditation()],
        conflicts: [conflict()],
      });
      await expect(sut.get(ASSESSOR, 'assessor')).resolves.toMatchObject({
        userId: 'assessor',
        fullName: 'A. Assessor',
        orkLevel: 5,
        accreditations: [{ id: 'acc', cardId: 'card', status: 'active' }],
        conflicts: [{ id: 'conflict', kind: 'candidate', candidateId: 'c1' }],
      });
      expect(mocks.access.requireAccess).not.toHaveBeenCalled();
    });
  });

  describe('accredit', () => {
    it('refuses a period that ends before it starts, naming validTo', async () => {
      const { sut, mocks } = newTestService();
      await expect(
        sut.accredit(MANAGER, 'assessor', { cardIds: ['card'], validFrom: '2030-02-01', validTo: '2030-01-31' }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ field: 'validTo' })] },
      });
      expect(mocks.repository.insertAccreditations).not.toHaveBeenCalled();
    });

    it('answers 404 naming cardIds when a card is unknown', async () => {
      const { sut, mocks } = newTestService();
      cardsOf.mockResolvedValue([{ id: 'card' } as ProfessionCardEntity]);
      await expect(
        sut.accredit(MANAGER, 'assessor', { cardIds: ['card', 'nope'], validFrom: TODAY, validTo: TODAY }),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [expect.objectContaining({ field: 'cardIds' })] },
      });
      expect(mocks.repository.insertAccreditations).not.toHaveBeenCalled();
    });

    it('accredits for each card named once, active for the period', async () => {
      const { sut, mocks } = newTestService();
      await sut.accredit(MANAGER, 'assessor', { cardIds: ['card', 'card2', 'card'], validFrom: TODAY, validTo: TODAY });
      expect(cardsOf).toHaveBeenCalledWith(mocks.manager, ['card', 'card2']);
      expect(mocks.repository.insertAccreditations).toHaveBeenCalledWith(mocks.manager, [
        expect.objectContaining({ assessorId: 'assessor', cardId: 'card', validFrom: TODAY, status: 'active' }),
        expect.objectContaining({ assessorId: 'assessor', cardId: 'card2', validTo: TODAY, status: 'active' }),
      ]);
    });
  });

  describe('revokeAccreditation', () => {
    it("answers 404 for an accreditation that is not the assessor's", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockAccreditation.mockResolvedValue(null);
      await expect(sut.revokeAccreditation(MANAGER, 'assessor', 'acc')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.repository.lockAccreditation).toHaveBeenCalledWith(mocks.manager, 'acc', 'assessor');
    });

    it('revokes an accreditation once: revoking it again changes and audits nothing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockAccreditation.mockResolvedValue(accreditation({ status: 'revoked' }));
      await sut.revokeAccreditation(MANAGER, 'assessor', 'acc');
      expect(mocks.repository.revokeAccreditation).not.toHaveBeenCalled();
      expect(mocks.audit.record).not.toHaveBeenCalled();
      mocks.repository.lockAccreditation.mockResolvedValue(accreditation());
      await sut.revokeAccreditation(MANAGER, 'assessor', 'acc');
      expect(mocks.repository.revokeAccreditation).toHaveBeenCalledWith(mocks.manager, 'acc');
    });
  });

  describe('conflicts', () => {
    it("answers 404 naming candidateId for a candidate who never applied to the assessor's centres", async () => {
      const { sut, mocks } = newTestService();
      applied.mockResolvedValue(false);
      await expect(
        sut.declareConflict(ASSESSOR, { kind: 'candidate', candidateId: 'c9', reason: 'cousin' }),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [expect.objectContaining({ field: 'candidateId' })] },
      });
      expect(applied).toHaveBeenCalledWith(mocks.manager, 'c9', ['centre']);
      expect(mocks.repository.insertConflict).not.toHaveBeenCalled();
    });

    it('keeps only the subject of its kind: an employer conflict names no candidate, and none is looked up', async () => {
      const { sut, mocks } = newTestService();
      await sut.declareConflict(ASSESSOR, { kind: 'employer', employer: 'ТОО Альфа', candidateId: 'c1', reason: 'r' });
      expect(applied).not.toHaveBeenCalled();
      expect(mocks.repository.insertConflict).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ assessorId: 'assessor', kind: 'employer', employer: 'ТОО Альфа', candidateId: null }),
      );
    });

    it('closes an open declaration of their own, once', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockConflict.mockResolvedValue(conflict());
      await expect(sut.closeConflict(ASSESSOR, 'conflict', 'moved away')).resolves.toMatchObject({
        status: 'closed',
        closedReason: 'moved away',
      });
      expect(mocks.repository.closeConflict).toHaveBeenCalledWith(
        mocks.manager,
        'conflict',
        'moved away',
        expect.any(Date),
      );
      mocks.repository.lockConflict.mockResolvedValue(conflict({ status: 'closed' }));
      await expect(sut.closeConflict(ASSESSOR, 'conflict', 'again')).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      });
    });

    it("answers 404 for another assessor's declaration", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockConflict.mockResolvedValue(null);
      await expect(sut.closeConflict(ASSESSOR, 'conflict', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.repository.lockConflict).toHaveBeenCalledWith(mocks.manager, 'conflict', 'assessor');
    });
  });

  describe('refusals', () => {
    it('answers 404 for an unknown card', async () => {
      const { sut, mocks } = newTestService();
      cardOf.mockResolvedValue(null);
      await expect(sut.refusals(mocks.manager, 'assessor', 'nope', [], TODAY)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('refuses nothing to an accredited assessor of a high enough level without conflicts', async () => {
      const { sut, mocks } = newTestService();
      await expect(sut.refusals(mocks.manager, 'assessor', 'card', ['c1'], TODAY)).resolves.toEqual([]);
      expect(mocks.repository.impartialityFacts).toHaveBeenCalledWith(mocks.manager, 'assessor');
      expect(employers).toHaveBeenCalledWith(mocks.manager, ['c1']);
    });

    it("refuses an open conflict with the candidate and with an employer in the candidate's records", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.impartialityFacts.mockResolvedValue({
        profile: { userId: 'assessor', orkLevel: 5, field: 'welding' } as AssessorProfileEntity,
        accreditations: [accreditation()],
        openConflicts: [conflict(), conflict({ kind: 'employer', candidateId: null, employer: 'ТОО «Альфа»' })],
      });
      employers.mockResolvedValue(
        new Map([
          ['c1', []],
          ['c2', ['Альфа ТОО']],
        ]),
      );
      const refusals = await sut.refusals(mocks.manager, 'assessor', 'card', ['c1', 'c2'], TODAY);
      expect(refusals.map((r) => [r.rule, r.candidateId])).toEqual([
        ['CONFLICT_WITH_CANDIDATE', 'c1'],
        ['CONFLICT_WITH_EMPLOYER', 'c2'],
      ]);
    });

    it("refuses an assessor below the card's level, and one accredited on another day only", async () => {
      const { sut, mocks } = newTestService();
      cardOf.mockResolvedValue({ id: 'card', orkLevel: 6 } as ProfessionCardEntity);
      const refusals = await sut.refusals(mocks.manager, 'assessor', 'card', [], '2031-01-01');
      expect(refusals.map((r) => r.rule)).toEqual(['NOT_ACCREDITED_FOR_CARD', 'ORK_LEVEL_TOO_LOW']);
    });
  });
});
