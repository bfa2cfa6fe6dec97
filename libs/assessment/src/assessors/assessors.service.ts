import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, Actor, findAssessor, Permission, toAuditActor } from '@qualcert/identity';
import { AuditService, DomainException, utcToday, fieldError } from '@qualcert/shared';
import { appliedAtAny, employersOf } from '@qualcert/candidates';
import { findCard, findCards } from '@qualcert/standards';
import { assessorRefusals, AssessorRefusal } from '../rules/impartiality';
import { AssessorsRepository, type Conflict } from './assessors.repository';
import type {
  AccreditAssessorDto,
  AssessorDto,
  AssignabilityDto,
  ConflictDto,
  DeclareConflictDto,
  SetAssessorProfileDto,
} from './assessors.dto';

function toConflictDto(c: Conflict): ConflictDto {
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
    private readonly repository: AssessorsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async setProfile(actor: Actor, assessorId: string, dto: SetAssessorProfileDto): Promise<AssessorDto> {
    await this.requireManageable(actor, assessorId);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.repository.profile(manager, assessorId);
      await this.repository.setProfile(manager, { userId: assessorId, orkLevel: dto.orkLevel, field: dto.field });
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
      const found = await findCards(manager, cardIds);
      if (found.length !== cardIds.length)
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
      await this.repository.insertAccreditations(manager, rows);
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
      const row = await this.repository.lockAccreditation(manager, accreditationId, assessorId);
      if (!row) throw DomainException.notFound('AssessorAccreditation', accreditationId);
      if (row.status === 'revoked') return;
      await this.repository.revokeAccreditation(manager, row.id);
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
    const user = await findAssessor(this.dataSource.manager, assessorId);
    if (!user) throw DomainException.notFound('Assessor', assessorId);
    const { profile, accreditations, conflicts } = await this.repository.record(assessorId);
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
    const row: Conflict = {
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
        if (!(await appliedAtAny(manager, candidateId, actor.centreIds)))
          throw new DomainException('NOT_FOUND', `Candidate ${candidateId} was not found`, {
            entity: 'Candidate',
            id: candidateId,
            fields: [fieldError('candidateId', 'field:unknownCandidate')],
          });
      }
      await this.repository.insertConflict(manager, row);
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
      const row = await this.repository.lockConflict(manager, id, actor.userId);
      if (!row) throw DomainException.notFound('ConflictDeclaration', id);
      if (row.status === 'closed')
        throw new DomainException('INVALID_TRANSITION', 'The declaration is already closed', {
          currentStatus: 'closed',
        });
      const closedAt = new Date();
      await this.repository.closeConflict(manager, id, reason, closedAt);
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
    // One after another: the manager may be a transaction's, whose queries share one connection.
    const card = await findCard(manager, cardId);
    if (!card) throw DomainException.notFound('Card', cardId);
    const { profile, accreditations, openConflicts } = await this.repository.impartialityFacts(manager, assessorId);
    const employers = await employersOf(manager, candidateIds);
    return assessorRefusals({
      assessor: { orkLevel: profile?.orkLevel ?? null, accreditations },
      card: { id: card.id, orkLevel: card.orkLevel },
      on,
      candidates: candidateIds.map((id) => ({
        id,
        employers: employers.get(id) ?? [],
      })),
      conflicts: openConflicts.map((c) =>
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
    if (!(await findAssessor(this.dataSource.manager, assessorId)))
      throw DomainException.notFound('Assessor', assessorId);
  }
}
