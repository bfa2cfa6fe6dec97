import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, Actor, Permission, toAuditActor, UserDto, UsersService } from '@qualcert/identity';
import { AuditService, DomainException, isUniqueViolation, utcToday, fieldError, fieldFault } from '@qualcert/shared';
import { findCards } from '@qualcert/standards';
import { AccreditationEntity } from './accreditation.entity';
import { CentreEntity } from './centre.entity';
import { CentresRepository } from './centres.repository';
import type {
  AccreditationDto,
  CentreDto,
  CreateAccreditationDto,
  CreateCentreDto,
  CreateCentreStaffDto,
  PublicCentreDto,
  UpdateCentreDto,
} from './centres.dto';

function toCentreDto(c: CentreEntity): CentreDto {
  const { id, code, name, region, address, phone, email, status, createdAt } = c;
  return { id, code, name, region, address, phone, email, status, createdAt };
}

/** Whether an accreditation lets its centre start something new on the given day. */
export function accreditationInForce(
  a: AccreditationEntity,
  centre: Pick<CentreEntity, 'status'>,
  on = utcToday(),
): boolean {
  return a.status === 'active' && centre.status === 'active' && a.validFrom <= on && on <= a.validTo;
}

function toAccreditationDto(a: AccreditationEntity, centre: CentreEntity): AccreditationDto {
  return {
    id: a.id,
    centreId: a.centreId,
    cardId: a.cardId,
    standardVersionId: a.standardVersionId,
    validFrom: a.validFrom,
    validTo: a.validTo,
    documentRef: a.documentRef,
    status: a.status,
    inForce: accreditationInForce(a, centre),
    createdAt: a.createdAt,
  };
}

@Injectable()
export class CentresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CentresRepository,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateCentreDto): Promise<CentreDto> {
    const centre: CentreEntity = {
      id: randomUUID(),
      code: dto.code,
      name: dto.name,
      region: dto.region,
      address: dto.address,
      phone: dto.phone ?? null,
      email: dto.email ?? null,
      status: 'active',
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.repository.insert(manager, centre);
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'centre.created',
          entityType: 'centre',
          entityId: centre.id,
          after: toCentreDto(centre),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_centre_code')) {
        throw new DomainException('CENTRE_CODE_TAKEN', `A centre with code ${dto.code} already exists`, {
          fields: [fieldError('code', 'field:taken')],
        });
      }
      throw error;
    }
    return toCentreDto(centre);
  }

  /** Centres a candidate can apply to for a card today: active, with an accreditation in force for it. */
  async accreditedFor(cardId: string, on = utcToday()): Promise<PublicCentreDto[]> {
    const centres = await this.repository.accreditedFor(cardId, on);
    return centres.map(({ id, code, name, region, address, phone, email }) => ({
      id,
      code,
      name,
      region,
      address,
      phone,
      email,
    }));
  }

  async list(actor: Actor): Promise<CentreDto[]> {
    const centres = await this.repository.list(actor.role === 'admin' ? undefined : actor.centreIds);
    return centres.map(toCentreDto);
  }

  async get(actor: Actor, id: string): Promise<CentreDto> {
    await this.access.requireAccess(actor, Permission.CentreRead, [id], 'Centre');
    return toCentreDto(await this.findCentre(id));
  }

  async update(actor: Actor, id: string, dto: UpdateCentreDto): Promise<CentreDto> {
    return this.dataSource.transaction(async (manager) => {
      const centre = await this.repository.lock(manager, id, 'update');
      if (!centre) throw DomainException.notFound('Centre', id);
      const before = toCentreDto(centre);
      const changes = Object.fromEntries(
        Object.entries(dto).filter(([, v]) => v !== undefined),
      ) as Partial<CentreEntity>;
      if (Object.keys(changes).length === 0) return before;
      await this.repository.update(manager, id, changes);
      const after = toCentreDto(await this.repository.get(manager, id));
      const action =
        dto.status && dto.status !== before.status
          ? `centre.${dto.status === 'suspended' ? 'suspended' : 'reactivated'}`
          : 'centre.updated';
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action,
        entityType: 'centre',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * Accredits an active centre for cards over a period. A period overlapping an accreditation
   * in force for the same card is refused by the database (exclusion constraint).
   */
  async accredit(actor: Actor, centreId: string, dto: CreateAccreditationDto): Promise<AccreditationDto[]> {
    if (dto.validTo < dto.validFrom) {
      throw DomainException.validation([fieldError('validTo', 'field:notBefore', { other: 'validFrom' })]);
    }
    const cardIds = [...new Set(dto.cardIds)];
    try {
      return await this.dataSource.transaction(async (manager) => {
        const centre = await this.repository.lock(manager, centreId, 'share');
        if (!centre) throw DomainException.notFound('Centre', centreId);
        if (centre.status !== 'active') {
          throw new DomainException('CENTRE_SUSPENDED', `Centre ${centre.code} is suspended and cannot be accredited`);
        }
        const cards = await findCards(manager, cardIds);
        const missing = cardIds.filter((id) => !cards.some((c) => c.id === id));
        if (missing.length > 0) {
          throw new DomainException('NOT_FOUND', `Card ${missing[0]} was not found`, {
            fields: [{ field: 'cardIds', messages: missing.map((id) => fieldFault('field:notFoundId', { id })) }],
          });
        }
        const rows: AccreditationEntity[] = cards.map((card) => ({
          id: randomUUID(),
          centreId,
          cardId: card.id,
          standardVersionId: card.standardVersionId,
          validFrom: dto.validFrom,
          validTo: dto.validTo,
          documentRef: dto.documentRef,
          status: 'active',
          createdAt: new Date(),
        }));
        await this.repository.insertAccreditations(manager, rows);
        for (const row of rows) {
          await this.audit.record(manager, {
            actor: toAuditActor(actor),
            action: 'accreditation.granted',
            entityType: 'accreditation',
            entityId: row.id,
            after: {
              centreId,
              cardId: row.cardId,
              validFrom: row.validFrom,
              validTo: row.validTo,
              documentRef: row.documentRef,
            },
          });
        }
        return rows.map((row) => toAccreditationDto(row, centre));
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23P01') {
        throw new DomainException(
          'ACCREDITATION_OVERLAPS',
          'The centre is already accredited for a card over part of this period',
          {
            fields: [fieldError('validFrom', 'field:overlaps')],
          },
        );
      }
      throw error;
    }
  }

  async listAccreditations(actor: Actor, centreId: string): Promise<AccreditationDto[]> {
    await this.access.requireAccess(actor, Permission.CentreRead, [centreId], 'Centre');
    const centre = await this.findCentre(centreId);
    const rows = await this.repository.accreditationsOf(centreId);
    return rows.map((row) => toAccreditationDto(row, centre));
  }

  async revokeAccreditation(actor: Actor, centreId: string, accreditationId: string): Promise<AccreditationDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.repository.lockAccreditation(manager, centreId, accreditationId);
      if (!row) throw DomainException.notFound('Accreditation', accreditationId);
      if (row.status !== 'revoked') {
        await this.repository.revokeAccreditation(manager, row.id);
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'accreditation.revoked',
          entityType: 'accreditation',
          entityId: row.id,
          before: { status: row.status },
          after: { status: 'revoked' },
        });
        row.status = 'revoked';
      }
      return toAccreditationDto(row, await this.repository.get(manager, centreId));
    });
  }

  /** Admins add managers and assessors; a centre's manager adds assessors to it. */
  async createStaff(actor: Actor, centreId: string, dto: CreateCentreStaffDto): Promise<UserDto> {
    await this.access.requireAccess(actor, Permission.CentreManageStaff, [centreId], 'Centre');
    if (actor.role !== 'admin' && dto.role !== 'assessor') {
      throw new DomainException('ROLE_NOT_ALLOWED', 'A centre manager may add assessors only', {
        fields: [fieldError('role', 'field:mustBeAssessor')],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.createUser(manager, toAuditActor(actor), { ...dto, centreIds: [centreId] });
      return this.users.toDto(user, [centreId]);
    });
  }

  async listStaff(actor: Actor, centreId: string): Promise<UserDto[]> {
    await this.access.requireAccess(actor, Permission.CentreManageStaff, [centreId], 'Centre');
    return this.users.listCentreStaff(centreId);
  }

  private async findCentre(id: string): Promise<CentreEntity> {
    const centre = await this.repository.find(id);
    if (!centre) throw DomainException.notFound('Centre', id);
    return centre;
  }
}
