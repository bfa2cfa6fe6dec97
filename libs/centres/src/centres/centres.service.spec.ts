import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { AccessService, UsersService, type Actor } from '@qualcert/identity';
import { AuditService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { findCards, type ProfessionCardEntity } from '@qualcert/standards';
import type { AccreditationEntity } from './accreditation.entity';
import type { CentreEntity } from './centre.entity';
import { CentresRepository } from './centres.repository';
import { CentresService } from './centres.service';

jest.mock('@qualcert/standards', () => ({
  ...jest.requireActual<object>('@qualcert/standards'),
  findCards: jest.fn(),
}));
const cardsFound = findCards as jest.MockedFunction<typeof findCards>;

const ADMIN: Actor = { userId: 'admin', role: 'admin', centreIds: [] };
const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['c1', 'c2'] };

const centre = (overrides: Partial<CentreEntity> = {}): CentreEntity => ({
  id: 'c1',
  code: 'C-1',
  name: 'Centre',
  region: 'Astana',
  address: 'Street 1',
  phone: null,
  email: null,
  status: 'active',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

const accreditation = (overrides: Partial<AccreditationEntity> = {}): AccreditationEntity => ({
  id: 'acc',
  centreId: 'c1',
  cardId: 'card',
  standardVersionId: 'sv',
  validFrom: '2026-01-01',
  validTo: '2099-12-31',
  documentRef: 'order 1',
  status: 'active',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

const pgError = (code: string, constraint?: string) =>
  new QueryFailedError('INSERT', [], Object.assign(new Error('refused'), { code, constraint }));

/** The service with its repository and collaborators mocked, and a manager that writes nothing. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const mocks = {
    manager,
    repository: automock(CentresRepository),
    access: automock(AccessService),
    users: automock(UsersService),
    audit: automock(AuditService),
  };
  const sut = new CentresService(
    dataSource as unknown as DataSource,
    mocks.repository,
    mocks.access,
    mocks.users,
    mocks.audit,
  );
  return { sut, mocks };
}

describe(CentresService.name, () => {
  beforeEach(() => cardsFound.mockReset());

  describe('create', () => {
    const dto = { code: 'C-9', name: 'New', region: 'Almaty', address: 'Street 9' };

    it('inserts an active centre and records it in the audit trail', async () => {
      const { sut, mocks } = newTestService();
      const created = await sut.create(ADMIN, dto);
      expect(created).toMatchObject({ ...dto, phone: null, email: null, status: 'active' });
      expect(mocks.repository.insert).toHaveBeenCalledWith(mocks.manager, expect.objectContaining({ id: created.id }));
      expect(mocks.audit.record).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ action: 'centre.created', entityId: created.id }),
      );
    });

    it('answers CENTRE_CODE_TAKEN naming the code when the code is taken', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.insert.mockRejectedValue(pgError('23505', 'uq_centre_code'));
      await expect(sut.create(ADMIN, dto)).rejects.toMatchObject({
        code: 'CENTRE_CODE_TAKEN',
        details: { fields: [expect.objectContaining({ field: 'code' })] },
      });
    });

    it('lets another unique violation through unchanged', async () => {
      const { sut, mocks } = newTestService();
      const error = pgError('23505', 'uq_other');
      mocks.repository.insert.mockRejectedValue(error);
      await expect(sut.create(ADMIN, dto)).rejects.toBe(error);
    });
  });

  describe('list', () => {
    it('lists every centre for an admin', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.list.mockResolvedValue([centre()]);
      await sut.list(ADMIN);
      expect(mocks.repository.list).toHaveBeenCalledWith(undefined);
    });

    it("lists only a manager's own centres", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.list.mockResolvedValue([]);
      await sut.list(MANAGER);
      expect(mocks.repository.list).toHaveBeenCalledWith(['c1', 'c2']);
    });
  });

  describe('update', () => {
    it('answers 404 for an unknown centre', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(null);
      await expect(sut.update(ADMIN, 'c1', { name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('writes nothing and records nothing when no field is given', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(centre());
      await expect(sut.update(ADMIN, 'c1', { name: undefined })).resolves.toMatchObject({ name: 'Centre' });
      expect(mocks.repository.update).not.toHaveBeenCalled();
      expect(mocks.audit.record).not.toHaveBeenCalled();
    });

    it.each([
      [{ status: 'suspended' as const }, centre(), 'centre.suspended'],
      [{ status: 'active' as const }, centre({ status: 'suspended' }), 'centre.reactivated'],
      [{ status: 'active' as const }, centre(), 'centre.updated'],
      [{ name: 'Renamed' }, centre(), 'centre.updated'],
    ])('records %j on %# as the action its status change names', async (dto, before, action) => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(before);
      mocks.repository.get.mockResolvedValue(centre({ ...before, ...dto }));
      await sut.update(ADMIN, 'c1', dto);
      expect(mocks.repository.update).toHaveBeenCalledWith(mocks.manager, 'c1', dto);
      expect(mocks.audit.record).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ action, before: expect.objectContaining({ status: before.status }) }),
      );
    });
  });

  describe('accredit', () => {
    const dto = {
      cardIds: ['card', 'card', 'card2'],
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      documentRef: 'o',
    };
    const card = (id: string) => ({ id, standardVersionId: `sv-${id}` }) as ProfessionCardEntity;

    it('refuses a period that ends before it starts, naming validTo, before any read', async () => {
      const { sut, mocks } = newTestService();
      await expect(sut.accredit(ADMIN, 'c1', { ...dto, validTo: '2025-12-31' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ field: 'validTo' })] },
      });
      expect(mocks.repository.lock).not.toHaveBeenCalled();
    });

    it('accepts a period of one day', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(centre());
      cardsFound.mockResolvedValue([card('card'), card('card2')]);
      await expect(sut.accredit(ADMIN, 'c1', { ...dto, validTo: dto.validFrom })).resolves.toHaveLength(2);
    });

    it('answers 404 for an unknown centre', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(null);
      await expect(sut.accredit(ADMIN, 'c1', dto)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses a suspended centre', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(centre({ status: 'suspended' }));
      await expect(sut.accredit(ADMIN, 'c1', dto)).rejects.toMatchObject({ code: 'CENTRE_SUSPENDED' });
      expect(mocks.repository.insertAccreditations).not.toHaveBeenCalled();
    });

    it('names each unknown card under cardIds and writes nothing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(centre());
      cardsFound.mockResolvedValue([card('card')]);
      await expect(sut.accredit(ADMIN, 'c1', dto)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [{ field: 'cardIds', messages: [expect.objectContaining({ params: { id: 'card2' } })] }] },
      });
      expect(mocks.repository.insertAccreditations).not.toHaveBeenCalled();
    });

    it("accredits each card named once, at the card's standard version, audited one by one", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(centre());
      cardsFound.mockResolvedValue([card('card'), card('card2')]);
      const result = await sut.accredit(ADMIN, 'c1', dto);
      expect(cardsFound).toHaveBeenCalledWith(mocks.manager, ['card', 'card2']);
      expect(mocks.repository.lock).toHaveBeenCalledWith(mocks.manager, 'c1', 'share');
      const [, rows] = mocks.repository.insertAccreditations.mock.calls[0];
      expect(rows.map((r) => [r.cardId, r.standardVersionId, r.status])).toEqual([
        ['card', 'sv-card', 'active'],
        ['card2', 'sv-card2', 'active'],
      ]);
      expect(mocks.audit.record).toHaveBeenCalledTimes(2);
      expect(result.map((a) => a.cardId)).toEqual(['card', 'card2']);
    });

    it('answers ACCREDITATION_OVERLAPS when the exclusion constraint refuses the period', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(centre());
      cardsFound.mockResolvedValue([card('card'), card('card2')]);
      mocks.repository.insertAccreditations.mockRejectedValue(pgError('23P01'));
      await expect(sut.accredit(ADMIN, 'c1', dto)).rejects.toMatchObject({
        code: 'ACCREDITATION_OVERLAPS',
        details: { fields: [expect.objectContaining({ field: 'validFrom' })] },
      });
    });
  });

  describe('revokeAccreditation', () => {
    it('answers 404 for an accreditation not of the centre', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockAccreditation.mockResolvedValue(null);
      await expect(sut.revokeAccreditation(ADMIN, 'c1', 'acc')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.repository.lockAccreditation).toHaveBeenCalledWith(mocks.manager, 'c1', 'acc');
    });

    it('revokes an active accreditation and records it', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockAccreditation.mockResolvedValue(accreditation());
      mocks.repository.get.mockResolvedValue(centre());
      await expect(sut.revokeAccreditation(ADMIN, 'c1', 'acc')).resolves.toMatchObject({
        status: 'revoked',
        inForce: false,
      });
      expect(mocks.repository.revokeAccreditation).toHaveBeenCalledWith(mocks.manager, 'acc');
      expect(mocks.audit.record).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ action: 'accreditation.revoked' }),
      );
    });

    it('revoking again writes and records nothing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockAccreditation.mockResolvedValue(accreditation({ status: 'revoked' }));
      mocks.repository.get.mockResolvedValue(centre());
      await expect(sut.revokeAccreditation(ADMIN, 'c1', 'acc')).resolves.toMatchObject({ status: 'revoked' });
      expect(mocks.repository.revokeAccreditation).not.toHaveBeenCalled();
      expect(mocks.audit.record).not.toHaveBeenCalled();
    });
  });

  describe('createStaff', () => {
    const dto = { email: 'a@b.kz', fullName: 'A B', password: 'long enough password' };

    it('lets a manager add an assessor only', async () => {
      const { sut, mocks } = newTestService();
      await expect(sut.createStaff(MANAGER, 'c1', { ...dto, role: 'centre_manager' })).rejects.toMatchObject({
        code: 'ROLE_NOT_ALLOWED',
        details: { fields: [expect.objectContaining({ field: 'role' })] },
      });
      expect(mocks.users.createUser).not.toHaveBeenCalled();
    });

    it('lets an admin add a manager, to the centre', async () => {
      const { sut, mocks } = newTestService();
      mocks.users.createUser.mockResolvedValue({ id: 'u' } as never);
      await sut.createStaff(ADMIN, 'c1', { ...dto, role: 'centre_manager' });
      expect(mocks.users.createUser).toHaveBeenCalledWith(
        mocks.manager,
        expect.anything(),
        expect.objectContaining({ role: 'centre_manager', centreIds: ['c1'] }),
      );
    });
  });
});
