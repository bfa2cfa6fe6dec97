import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessService, Actor, Permission, toAuditActor, UserEntity } from '@qualcert/identity';
import { AuditService, DomainException, utcToday, fieldError } from '@qualcert/shared';
import { ApplicationEntity } from '@qualcert/candidates';
import { ProfessionCardEntity } from '@qualcert/standards';
import { assessorRefusals, AssessorRefusal } from '../rules/impartiality';
import { AssessorAccreditationEntity, AssessorProfileEntity, ConflictDeclarationEntity } from './assessor.entities';
import type {
  AccreditAssessorDto,
  AssessorDto,
  AssignabilityDto,
  ConflictDto,
  DeclareConflictDto,
  SetAssessorProfileDto,
} from './assessors.dto';

function toConflictDto(c: ConflictDeclarationEntity): ConflictDto {
  const { id, kind, candidateId, employer, reason, status, closedReason, createdAt } = c;
  return { id, kind, candidateId, employer, reason, status, closedReason, createdAt };
}

/**
 * Assessors' qualifications, accreditations and declared conflicts, and the one check every
 * assignment goes through (sessions, candidates, evidence reviews).
 */
@Injectable()
export class AssessorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async setProfile(actor: Actor, assessorId: string, dto: SetAssessorProfileDto): Promise<AssessorDto> {
    await this.requireManageable(actor, assessorId);
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(AssessorProfileEntity, { where: { userId: assessorId } });
      await manager.upsert(AssessorProfileEntity, { userId: assessorId, orkLevel: dto.orkLevel, field: dto.field }, [
        'userId',
      ]);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'assessor.profile_set',
        entityType: 'assessor',
        entityId: assessorId,
        ...(before ? { before: { orkLevel: before.orkLevel, field: before.field } } : {}),
        after: { orkLevel: dto.orkLevel, field: dto.field },
      });
    });
    return this.get(actor, assessorId);
  }

  async accredit(actor: Actor, assessorId: string, dto: AccreditAssessorDto): Promise<AssessorDto> {
    await this.requireManageable(actor, assessorId);
    if (dto.validTo < dto.validFrom)
      throw DomainException.validation([fieldError('validTo', 'field:notBefore', { other: 'validFrom' })]);
    const cardIds = [...new Set(dto.cardIds)];
    await this.dataSource.transaction(async (manager) => {
      const found = await manager.count(ProfessionCardEntity, { where: { id: In(cardIds) } });
      if (found !== cardIds.length)
        throw new DomainException('NOT_FOUND', 'A card was not found', {
          fields: [fieldError('cardIds', 'field:unknownCard')],
        });
      const rows = cardIds.map((cardId) => ({
        id: randomUUID(),
        assessorId,
        cardId,
        validFrom: dto.validFrom,
        validTo: dto.validTo,
        status: 'active' as const,
      }));
      await manager.insert(AssessorAccreditationEntity, rows);
      for (const row of rows) {
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'assessor.accredited',
          entityType: 'assessor',
          entityId: assessorId,
          after: row,
        });
      }
    });
    return this.get(actor, assessorId);
  }

  async revokeAccreditation(actor: Actor, assessorId: string, accreditationId: string): Promise<AssessorDto> {
    await this.requireManageable(actor, assessorId);
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(AssessorAccreditationEntity, {
        where: { id: accreditationId, assessorId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw DomainException.notFound('AssessorAccreditation', accreditationId);
      if (row.status === 'revoked') return;
      await manager.update(AssessorAccreditationEntity, { id: row.id }, { status: 'revoked' });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'assessor.accreditation_revoked',
        entityType: 'assessor',
        entityId: assessorId,
        before: { id: row.id, status: row.status },
        after: { id: row.id, status: 'revoked' },
      });
    });
    return this.get(actor, assessorId);
  }

  async get(actor: Actor, assessorId: string): Promise<AssessorDto> {
    if (actor.userId !== assessorId) await this.requireManageable(actor, assessorId);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { id: assessorId, role: 'assessor' } });
    if (!user) throw DomainException.notFound('Assessor', assessorId);
    const [profile, accreditations, conflicts] = await Promise.all([
      this.dataSource.getRepository(AssessorProfileEntity).findOne({ where: { userId: assessorId } }),
      this.dataSource
        .getRepository(AssessorAccreditationEntity)
        .find({ where: { assessorId }, order: { validFrom: 'DESC' } }),
      this.dataSource
        .getRepository(ConflictDeclarationEntity)
        .find({ where: { assessorId }, order: { createdAt: 'DESC' } }),
    ]);
    return {
      userId: user.id,
      fullName: user.fullName,
      orkLevel: profile?.orkLevel ?? null,
      field: profile?.field ?? null,
      accreditations: accreditations.map(({ id, cardId, validFrom, validTo, status }) => ({
        id,
        cardId,
        validFrom,
        validTo,
        status,
      })),
      conflicts: conflicts.map(toConflictDto),
    };
  }

  /** An assessor declares a conflict of their own; it is audited and can only be closed later. */
  async declareConflict(actor: Actor, dto: DeclareConflictDto): Promise<ConflictDto> {
    const row: ConflictDeclarationEntity = {
      id: randomUUID(),
      assessorId: actor.userId,
      kind: dto.kind,
      candidateId: dto.kind === 'candidate' ? (dto.candidateId ?? null) : null,
      employer: dto.kind === 'employer' ? (dto.employer ?? null) : null,
      reason: dto.reason,
      status: 'open',
      closedReason: null,
      closedAt: null,
      createdAt: new Date(),
    };
    await this.dataSource.transaction(async (manager) => {
      // A candidate is within reach when they applied to one of the assessor's centres. Anyone
      // else, of another centre or of none, is the same 404 as an unknown id: an answer that
      // differed would tell an assessor who is a candidate elsewhere.
      const candidateId = row.candidateId;
      if (candidateId) {
        const centreIds = actor.centreIds.length > 0 ? actor.centreIds : [randomUUID()];
        if (!(await manager.exists(ApplicationEntity, { where: { candidateId, centreId: In(centreIds) } })))
          throw new DomainException('NOT_FOUND', `Candidate ${candidateId} was not found`, {
            entity: 'Candidate',
            id: candidateId,
            fields: [fieldError('candidateId', 'field:unknownCandidate')],
          });
      }
      await manager.insert(ConflictDeclarationEntity, row);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'assessor.conflict_declared',
        entityType: 'conflict_declaration',
        entityId: row.id,
        after: toConflictDto(row),
      });
    });
    return toConflictDto(row);
  }

  async closeConflict(actor: Actor, id: string, reason: string): Promise<ConflictDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(ConflictDeclarationEntity, {
        where: { id, assessorId: actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw DomainException.notFound('ConflictDeclaration', id);
      if (row.status === 'closed')
        throw new DomainException('INVALID_TRANSITION', 'The declaration is already closed', {
          currentStatus: 'closed',
        });
      const closedAt = new Date();
      await manager.update(ConflictDeclarationEntity, { id }, { status: 'closed', closedReason: reason, closedAt });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'assessor.conflict_closed',
        entityType: 'conflict_declaration',
        entityId: id,
        before: { status: 'open' },
        after: { status: 'closed', reason },
      });
      return toConflictDto({ ...row, status: 'closed', closedReason: reason, closedAt });
    });
  }

  async assignability(
    actor: Actor,
    assessorId: string,
    cardId: string,
    candidateIds: string[],
  ): Promise<AssignabilityDto> {
    await this.requireManageable(actor, assessorId);
    const refusals = await this.refusals(this.dataSource.manager, assessorId, cardId, candidateIds);
    return { assignable: refusals.length === 0, refusals };
  }

  /**
   * Why the assessor may not assess these candidates for this card today (empty: they may).
   * Reads everything the rule needs in a fixed number of queries.
   */
  async refusals(
    manager: EntityManager,
    assessorId: string,
    cardId: string,
    candidateIds: string[],
    on = utcToday(),
  ): Promise<AssessorRefusal[]> {
    const card = await manager.findOne(ProfessionCardEntity, {
      where: { id: cardId },
      select: { id: true, orkLevel: true },
    });
    if (!card) throw DomainException.notFound('Card', cardId);
    // One after another: the manager may be a transaction's, whose queries share one connection.
    const profile = await manager.findOne(AssessorProfileEntity, { where: { userId: assessorId } });
    const accreditations = await manager.find(AssessorAccreditationEntity, { where: { assessorId } });
    const conflicts = await manager.find(ConflictDeclarationEntity, { where: { assessorId, status: 'open' } });
    const employment =
      candidateIds.length === 0
        ? []
        : await manager.query<{ candidate_id: string; employer: string }[]>(
            'SELECT candidate_id, employer FROM candidate_employment WHERE candidate_id = ANY($1::uuid[])',
            [candidateIds],
          );
    return assessorRefusals({
      assessor: { orkLevel: profile?.orkLevel ?? null, accreditations },
      card: { id: card.id, orkLevel: card.orkLevel },
      on,
      candidates: candidateIds.map((id) => ({
        id,
        employers: employment.filter((e) => e.candidate_id === id).map((e) => e.employer),
      })),
      conflicts: conflicts.map((c) =>
        c.kind === 'candidate'
          ? { kind: 'candidate' as const, candidateId: c.candidateId as string }
          : { kind: 'employer' as const, employer: c.employer as string },
      ),
    });
  }

  /** Admins, and the managers of a centre the assessor belongs to; 404 for anyone else. */
  private async requireManageable(actor: Actor, assessorId: string): Promise<void> {
    await this.access.requireAccess(actor, Permission.UserRead, [assessorId], 'Assessor');
    if (actor.role !== 'admin' && actor.role !== 'centre_manager')
      throw DomainException.notFound('Assessor', assessorId);
    const assessor = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { id: assessorId, role: 'assessor' }, select: { id: true } });
    if (!assessor) throw DomainException.notFound('Assessor', assessorId);
  }
}
