import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, Actor, Permission, toAuditActor, UserEntity } from '@qualcert/identity';
import { AuditService, DomainException, isUniqueViolation, maskIin, utcToday } from '@qualcert/shared';
import { EXPERIENCE_FIELDS } from '@qualcert/standards/prerequisites/prerequisite-parser';
import { CandidateProfileEntity } from '../entities/candidate-profile.entity';
import { EducationRecordEntity } from '../entities/education-record.entity';
import { EmploymentRecordEntity } from '../entities/employment-record.entity';
import { experienceMonths } from '../eligibility/experience';
import { identityFactsOf } from '../identity/identity.repository';
import { validateIin } from '../iin/iin';
import type {
  CandidateDetailDto,
  ConfirmIdentityDto,
  CreateEducationDto,
  CreateEmploymentDto,
  EducationDto,
  EmploymentDto,
  ExperienceDto,
  ProfileDto,
  UpsertProfileDto,
  WithdrawIdentityConfirmationDto,
} from './candidates.dto';

function toEducationDto(e: EducationRecordEntity): EducationDto {
  const { id, level, institution, specialty, qualification, graduationYear, documentRef } = e;
  return { id, level, institution, specialty, qualification, graduationYear, documentRef };
}

function toEmploymentDto(e: EmploymentRecordEntity): EmploymentDto {
  const { id, employer, position, field, startDate, endDate, documentRef } = e;
  return { id, employer, position, field, startDate, endDate, documentRef };
}

/** Experience per field of the catalogue (and any field), as eligibility will count it. */
export function experienceSummary(records: EmploymentRecordEntity[], asOf = utcToday()): ExperienceDto[] {
  const fields = [...new Set(records.map((r) => r.field))];
  return fields.map((field) => ({
    field,
    label: EXPERIENCE_FIELDS[field]?.label ?? 'другая сфера деятельности',
    months: experienceMonths(records, field, asOf),
  }));
}

/** A candidate's profile, education and employment: their own to edit, their centre's to see. */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates or changes the candidate's own profile. The answer is the same whether or not another
   * account declares the ИИН (issue 17: a 409 for a taken ИИН was an oracle that recovered a
   * holder's full ИИН from the public page, and let a stranger lock an ИИН's owner out); the
   * centre resolves two accounts with one ИИН (confirmIdentity). Rate-limited per account.
   */
  async upsertProfile(actor: Actor, dto: UpsertProfileDto): Promise<ProfileDto> {
    const check = validateIin(dto.iin, { birthDate: dto.birthDate, sex: dto.sex });
    if (!check.valid) {
      throw new DomainException('INVALID_IIN', `The ИИН is not valid: ${check.message}`, {
        fields: [{ field: 'iin', messages: [check.message] }],
        reason: check.code,
      });
    }
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(CandidateProfileEntity, {
        where: { userId: actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      const values = {
        iin: dto.iin,
        birthDate: dto.birthDate,
        sex: dto.sex,
        phone: dto.phone ?? null,
        address: dto.address ?? null,
      };
      // A confirmation is of one ИИН: declaring another ends it.
      const unconfirmed = before !== null && before.identityConfirmedAt !== null && before.iin !== dto.iin;
      if (before)
        await manager.update(
          CandidateProfileEntity,
          { userId: actor.userId },
          unconfirmed
            ? { ...values, identityConfirmedAt: null, identityConfirmedBy: null, identityDocument: null }
            : values,
        );
      else await manager.insert(CandidateProfileEntity, { userId: actor.userId, ...values });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: before ? 'candidate.profile_updated' : 'candidate.profile_created',
        entityType: 'candidate',
        entityId: actor.userId,
        ...(before
          ? {
              before: {
                iin: before.iin,
                birthDate: before.birthDate,
                sex: before.sex,
                phone: before.phone,
                address: before.address,
                ...(unconfirmed ? { identityConfirmed: true } : {}),
              },
            }
          : {}),
        after: { ...values, ...(unconfirmed ? { identityConfirmed: false } : {}) },
      });
    });
    return this.profileOf(actor, actor.userId) as Promise<ProfileDto>;
  }

  /**
   * A centre's manager (or an admin) saw the candidate's identity document and confirms that
   * this account holds the ИИН it bears. At most one account per ИИН is confirmed (a partial
   * unique index): 409 IDENTITY_CONFIRMED_ELSEWHERE names no other account. The document's ИИН
   * must be the profile's, so that a change made while staff looked is not confirmed unseen.
   */
  async confirmIdentity(actor: Actor, candidateId: string, dto: ConfirmIdentityDto): Promise<ProfileDto> {
    await this.access.requireAccess(actor, Permission.CandidateManage, [candidateId], 'Candidate');
    try {
      await this.dataSource.transaction(async (manager) => {
        const profile = await manager.findOne(CandidateProfileEntity, {
          where: { userId: candidateId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!profile) throw DomainException.notFound('CandidateProfile', candidateId);
        if (profile.iin !== dto.iin) {
          throw new DomainException('CONFLICT', 'The profile declares another ИИН than the identity document', {
            fields: [{ field: 'iin', messages: ['differs from the ИИН the profile declares'] }],
          });
        }
        const confirmedAt = new Date();
        await manager.update(
          CandidateProfileEntity,
          { userId: candidateId },
          { identityConfirmedAt: confirmedAt, identityConfirmedBy: actor.userId, identityDocument: dto.document },
        );
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'candidate.identity_confirmed',
          entityType: 'candidate',
          entityId: candidateId,
          before: profile.identityConfirmedAt ? { document: profile.identityDocument } : { confirmed: false },
          after: { iin: dto.iin, document: dto.document },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_candidate_profile_iin_confirmed')) {
        throw new DomainException(
          'IDENTITY_CONFIRMED_ELSEWHERE',
          'A centre has confirmed another account for this ИИН; the person signs in with that one (an admin can help)',
          { fields: [{ field: 'iin', messages: ['confirmed for another account'] }] },
        );
      }
      throw error;
    }
    return (await this.profileOf(actor, candidateId)) as ProfileDto;
  }

  /** Undoes a confirmation made in error (the wrong account, the wrong document), with the reason. */
  async withdrawIdentityConfirmation(
    actor: Actor,
    candidateId: string,
    dto: WithdrawIdentityConfirmationDto,
  ): Promise<ProfileDto> {
    await this.access.requireAccess(actor, Permission.CandidateManage, [candidateId], 'Candidate');
    await this.dataSource.transaction(async (manager) => {
      const profile = await manager.findOne(CandidateProfileEntity, {
        where: { userId: candidateId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!profile) throw DomainException.notFound('CandidateProfile', candidateId);
      if (!profile.identityConfirmedAt) {
        throw new DomainException('INVALID_TRANSITION', 'No centre has confirmed this candidate’s identity', {
          currentStatus: 'unconfirmed',
        });
      }
      await manager.update(
        CandidateProfileEntity,
        { userId: candidateId },
        { identityConfirmedAt: null, identityConfirmedBy: null, identityDocument: null },
      );
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'candidate.identity_confirmation_withdrawn',
        entityType: 'candidate',
        entityId: candidateId,
        before: {
          confirmedAt: profile.identityConfirmedAt.toISOString(),
          confirmedBy: profile.identityConfirmedBy,
          document: profile.identityDocument,
        },
        after: { confirmed: false, reason: dto.reason },
      });
    });
    return (await this.profileOf(actor, candidateId)) as ProfileDto;
  }

  async getCandidate(actor: Actor, candidateId: string): Promise<CandidateDetailDto> {
    await this.access.requireAccess(actor, Permission.CandidateRead, [candidateId], 'Candidate');
    const [profile, education, employment] = await Promise.all([
      this.profileOf(actor, candidateId),
      this.listEducation(candidateId),
      this.listEmployment(candidateId),
    ]);
    return { profile, education, employment };
  }

  async getOwnProfile(actor: Actor): Promise<ProfileDto> {
    const profile = await this.profileOf(actor, actor.userId);
    if (!profile) throw new DomainException('NOT_FOUND', 'You have no profile yet', { entity: 'CandidateProfile' });
    return profile;
  }

  async addEducation(actor: Actor, dto: CreateEducationDto): Promise<EducationDto> {
    const row: EducationRecordEntity = {
      id: randomUUID(),
      candidateId: actor.userId,
      level: dto.level,
      institution: dto.institution,
      specialty: dto.specialty ?? null,
      qualification: dto.qualification ?? null,
      graduationYear: dto.graduationYear,
      documentRef: dto.documentRef,
      createdAt: new Date(),
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(EducationRecordEntity, row);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'candidate.education_added',
        entityType: 'candidate',
        entityId: actor.userId,
        after: toEducationDto(row),
      });
    });
    return toEducationDto(row);
  }

  async addEmployment(actor: Actor, dto: CreateEmploymentDto): Promise<EmploymentDto> {
    const now = utcToday();
    const problems = [
      ...(dto.startDate > now ? [{ field: 'startDate', messages: ['startDate must not be in the future'] }] : []),
      ...(dto.endDate && dto.endDate > now
        ? [{ field: 'endDate', messages: ['endDate must not be in the future'] }]
        : []),
      ...(dto.endDate && dto.endDate < dto.startDate
        ? [{ field: 'endDate', messages: ['endDate must not be before startDate'] }]
        : []),
      ...(!isRealDate(dto.startDate) ? [{ field: 'startDate', messages: ['startDate is not a real date'] }] : []),
      ...(dto.endDate && !isRealDate(dto.endDate)
        ? [{ field: 'endDate', messages: ['endDate is not a real date'] }]
        : []),
    ];
    if (problems.length > 0) throw DomainException.validation(problems);
    const row: EmploymentRecordEntity = {
      id: randomUUID(),
      candidateId: actor.userId,
      employer: dto.employer,
      position: dto.position,
      field: dto.field,
      startDate: dto.startDate,
      endDate: dto.endDate ?? null,
      documentRef: dto.documentRef,
      createdAt: new Date(),
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(EmploymentRecordEntity, row);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'candidate.employment_added',
        entityType: 'candidate',
        entityId: actor.userId,
        after: toEmploymentDto(row),
      });
    });
    return toEmploymentDto(row);
  }

  async removeRecord(actor: Actor, kind: 'education' | 'employment', id: string): Promise<void> {
    const entity = kind === 'education' ? EducationRecordEntity : EmploymentRecordEntity;
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne<EducationRecordEntity | EmploymentRecordEntity>(entity, {
        where: { id, candidateId: actor.userId },
      });
      if (!row) throw DomainException.notFound(kind === 'education' ? 'EducationRecord' : 'EmploymentRecord', id);
      await manager.delete(entity, { id });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: `candidate.${kind}_removed`,
        entityType: 'candidate',
        entityId: actor.userId,
        before:
          kind === 'education'
            ? toEducationDto(row as EducationRecordEntity)
            : toEmploymentDto(row as EmploymentRecordEntity),
      });
    });
  }

  async listEducation(candidateId: string): Promise<EducationDto[]> {
    const rows = await this.dataSource
      .getRepository(EducationRecordEntity)
      .find({ where: { candidateId }, order: { graduationYear: 'ASC', createdAt: 'ASC' } });
    return rows.map(toEducationDto);
  }

  async listEmployment(candidateId: string): Promise<EmploymentDto[]> {
    const rows = await this.dataSource
      .getRepository(EmploymentRecordEntity)
      .find({ where: { candidateId }, order: { startDate: 'ASC', createdAt: 'ASC' } });
    return rows.map(toEmploymentDto);
  }

  /**
   * The ИИН is shown whole to its owner, admins and the managers of a centre the candidate
   * applied to; everyone else who may see the profile sees it masked. Staff also see whether
   * another account declares the ИИН and the centre's confirmation; the candidate never does
   * (it would tell them whether the ИИН they typed is someone's).
   */
  private async profileOf(actor: Actor, candidateId: string): Promise<ProfileDto | null> {
    const own = actor.userId === candidateId;
    const [profile, user, employment, facts] = await Promise.all([
      this.dataSource.getRepository(CandidateProfileEntity).findOne({ where: { userId: candidateId } }),
      this.dataSource.getRepository(UserEntity).findOne({ where: { id: candidateId } }),
      this.dataSource.getRepository(EmploymentRecordEntity).find({ where: { candidateId } }),
      own ? Promise.resolve(null) : identityFactsOf(this.dataSource, [candidateId]),
    ]);
    if (!profile || !user) return null;
    const full = own || actor.role === 'admin' || actor.role === 'centre_manager';
    const staffView = facts
      ? {
          iinAlsoDeclaredElsewhere: facts.get(candidateId)?.iinAlsoDeclaredElsewhere ?? false,
          identityConfirmation:
            profile.identityConfirmedAt && profile.identityConfirmedBy
              ? {
                  confirmedAt: profile.identityConfirmedAt,
                  confirmedBy: profile.identityConfirmedBy,
                  document: full ? profile.identityDocument : null,
                }
              : null,
        }
      : {};
    return {
      userId: candidateId,
      fullName: user.fullName,
      email: user.email,
      iin: full ? profile.iin : maskIin(profile.iin),
      iinMasked: !full,
      birthDate: profile.birthDate,
      sex: profile.sex,
      phone: profile.phone,
      address: profile.address,
      experience: experienceSummary(employment),
      ...staffView,
    };
  }
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
