import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, Actor, Permission, toAuditActor, userContact, userNames } from '@qualcert/identity';
import {
  AuditService,
  DomainException,
  FieldError,
  isForeignKeyViolation,
  isUniqueViolation,
  maskIin,
  utcToday,
  isIsoDay,
  fieldError,
} from '@qualcert/shared';
import { fieldAndBroader, fieldAndNarrower, fieldName, orderedFields, type FieldTree } from '@qualcert/standards';
import { AdmissionService } from '../applications/admission.service';
import { removalBlockedBy } from '../applications/record-removal-rule';
import { experienceMonths } from '../eligibility/experience';
import type { EducationRecordEntity } from '../entities/education-record.entity';
import type { EmploymentRecordEntity } from '../entities/employment-record.entity';
import type { LearningRecordEntity } from '../entities/learning-record.entity';
import { identityFactsOf } from '../identity/identity.repository';
import { validateIin } from '../iin/iin';
import { recordCheck, type RecordKind } from '../records/record-facts';
import { RecordRow, RecordsRepository } from '../records/records.repository';
import { CandidateProfilesRepository } from './candidate-profiles.repository';
import type {
  CandidateDetailDto,
  ConfirmIdentityDto,
  CreateEducationDto,
  CreateEmploymentDto,
  CreateLearningDto,
  EducationDto,
  EmploymentDto,
  ExperienceDto,
  LearningDto,
  ProfileDto,
  RecordCheckDto,
  UpsertProfileDto,
  WithdrawIdentityConfirmationDto,
} from './candidates.dto';

/** The check columns of a record that nobody has checked since it last changed. */
const UNCHECKED = {
  checkStatus: 'pending',
  checkReason: null,
  checkedBy: null,
  checkedAt: null,
  checkedApplicationId: null,
} as const;

export function toRecordCheckDto(row: RecordRow): RecordCheckDto {
  return {
    status: row.checkStatus,
    reason: row.checkReason,
    checkedAt: row.checkedAt,
    checkedBy: row.checkedBy,
    applicationId: row.checkedApplicationId,
  };
}

export function toEducationDto(e: EducationRecordEntity): EducationDto {
  const { id, level, institution, specialty, qualification, graduationYear, documentRef, documentId } = e;
  return {
    id,
    level,
    institution,
    specialty,
    qualification,
    graduationYear,
    documentRef,
    documentId,
    check: toRecordCheckDto(e),
  };
}

export function toEmploymentDto(e: EmploymentRecordEntity): EmploymentDto {
  const { id, employer, position, field, startDate, endDate, documentRef, documentId } = e;
  return { id, employer, position, field, startDate, endDate, documentRef, documentId, check: toRecordCheckDto(e) };
}

export function toLearningDto(l: LearningRecordEntity): LearningDto {
  const { id, kind, title, issuer, startDate, endDate, issueDate, documentId } = l;
  return { id, kind, title, issuer, startDate, endDate, issueDate, documentId, check: toRecordCheckDto(l) };
}

const ENTITY_NAMES: Record<RecordKind, string> = {
  education: 'EducationRecord',
  employment: 'EmploymentRecord',
  learning: 'LearningRecord',
};

/** Real dates, none in the future, an end not before its start. */
function periodProblems(dates: Record<string, string | undefined>, start: string, end: string): FieldError[] {
  const today = utcToday();
  const problems: FieldError[] = [];
  for (const [name, value] of Object.entries(dates)) {
    if (value === undefined) continue;
    if (!isIsoDay(value)) problems.push(fieldError(name, 'field:realDate'));
    else if (value > today) problems.push(fieldError(name, 'field:future'));
  }
  const from = dates[start];
  const to = dates[end];
  if (from !== undefined && to !== undefined && to < from) {
    problems.push(fieldError(end, 'field:notBefore', { other: start }));
  }
  return problems;
}

/**
 * Experience per field, as eligibility counts it: for each field of the candidate's jobs and each
 * broader field above it, the months in it and the narrower fields, on documented records the
 * centre did not reject (and on confirmed ones alone).
 */
export function experienceSummary(
  records: EmploymentRecordEntity[],
  tree: FieldTree,
  asOf = utcToday(),
): ExperienceDto[] {
  const declared = records.filter((r) => recordCheck(r).hasDocument && r.checkStatus !== 'rejected');
  const confirmed = declared.filter((r) => r.checkStatus === 'confirmed');
  const touched = new Set(records.flatMap((r) => fieldAndBroader(tree, r.field)));
  const known = orderedFields(tree).map((n) => n.code);
  const codes = [...known.filter((c) => touched.has(c)), ...[...touched].filter((c) => !known.includes(c)).sort()];
  return codes.map((field) => {
    const within = fieldAndNarrower(tree, field);
    return {
      field,
      label: fieldName(tree, field),
      months: experienceMonths(declared, within, asOf),
      confirmedMonths: experienceMonths(confirmed, within, asOf),
    };
  });
}

/**
 * A candidate's profile and records (education, employment, learning): their own to edit, their
 * centre's to see. Any change to a record puts its document check back to pending and asks for a
 * re-check of every application awaiting its document check.
 */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly records: RecordsRepository,
    private readonly admission: AdmissionService,
    private readonly profiles: CandidateProfilesRepository,
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
        fields: [fieldError('iin', `field:iin:${check.code}`)],
        reason: check.code,
      });
    }
    await this.dataSource.transaction(async (manager) => {
      const before = await this.profiles.lock(manager, actor.userId);
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
        await this.profiles.update(
          manager,
          actor.userId,
          unconfirmed
            ? { ...values, identityConfirmedAt: null, identityConfirmedBy: null, identityDocument: null }
            : values,
        );
      else await this.profiles.insert(manager, { userId: actor.userId, ...values });
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
        const profile = await this.profiles.lock(manager, candidateId);
        if (!profile) throw DomainException.notFound('CandidateProfile', candidateId);
        if (profile.iin !== dto.iin) {
          throw new DomainException('CONFLICT', 'The profile declares another ИИН than the identity document', {
            fields: [fieldError('iin', 'field:iinDiffers')],
          });
        }
        const confirmedAt = new Date();
        await this.profiles.update(manager, candidateId, {
          identityConfirmedAt: confirmedAt,
          identityConfirmedBy: actor.userId,
          identityDocument: dto.document,
        });
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
          { fields: [fieldError('iin', 'field:iinElsewhere')] },
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
      const profile = await this.profiles.lock(manager, candidateId);
      if (!profile) throw DomainException.notFound('CandidateProfile', candidateId);
      if (!profile.identityConfirmedAt) {
        throw new DomainException('INVALID_TRANSITION', 'No centre has confirmed this candidate’s identity', {
          currentStatus: 'unconfirmed',
        });
      }
      await this.profiles.update(manager, candidateId, {
        identityConfirmedAt: null,
        identityConfirmedBy: null,
        identityDocument: null,
      });
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
    const [profile, education, employment, learning] = await Promise.all([
      this.profileOf(actor, candidateId),
      this.listEducation(candidateId),
      this.listEmployment(candidateId),
      this.listLearning(candidateId),
    ]);
    return { profile, education, employment, learning };
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
      ...this.educationValues(dto),
      ...UNCHECKED,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    await this.changeRecords(actor, async (manager) => {
      await this.records.insert(manager, 'education', row);
      await this.recordAudit(manager, actor, 'candidate.education_added', undefined, toEducationDto(row));
    });
    return toEducationDto(row);
  }

  async updateEducation(actor: Actor, id: string, dto: CreateEducationDto): Promise<EducationDto> {
    return toEducationDto(await this.updateRecord(actor, 'education', id, this.educationValues(dto), toEducationDto));
  }

  async addEmployment(actor: Actor, dto: CreateEmploymentDto): Promise<EmploymentDto> {
    const values = this.employmentValues(dto);
    const row: EmploymentRecordEntity = {
      id: randomUUID(),
      candidateId: actor.userId,
      ...values,
      ...UNCHECKED,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    await this.changeRecords(actor, async (manager) => {
      await this.records.insert(manager, 'employment', row);
      await this.recordAudit(manager, actor, 'candidate.employment_added', undefined, toEmploymentDto(row));
    });
    return toEmploymentDto(row);
  }

  async updateEmployment(actor: Actor, id: string, dto: CreateEmploymentDto): Promise<EmploymentDto> {
    return toEmploymentDto(
      await this.updateRecord(actor, 'employment', id, this.employmentValues(dto), toEmploymentDto),
    );
  }

  async addLearning(actor: Actor, dto: CreateLearningDto): Promise<LearningDto> {
    const row: LearningRecordEntity = {
      id: randomUUID(),
      candidateId: actor.userId,
      ...this.learningValues(dto),
      ...UNCHECKED,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    await this.changeRecords(actor, async (manager) => {
      await this.records.insert(manager, 'learning', row);
      await this.recordAudit(manager, actor, 'candidate.learning_added', undefined, toLearningDto(row));
    });
    return toLearningDto(row);
  }

  async updateLearning(actor: Actor, id: string, dto: CreateLearningDto): Promise<LearningDto> {
    return toLearningDto(await this.updateRecord(actor, 'learning', id, this.learningValues(dto), toLearningDto));
  }

  async removeRecord(actor: Actor, kind: RecordKind, id: string): Promise<void> {
    await this.changeRecords(actor, async (manager) => {
      const row = await this.records.lockOwn(manager, kind, id, actor.userId);
      if (!row) throw DomainException.notFound(ENTITY_NAMES[kind], id);
      const blocked = removalBlockedBy(id, await this.records.admitted(manager, actor.userId));
      if (blocked) {
        throw new DomainException(
          'RECORD_IN_USE',
          `The record is one application ${blocked.applicationId} was admitted on; it cannot be removed`,
          { ...blocked, recordId: id },
        );
      }
      await this.records.remove(manager, kind, id);
      await this.recordAudit(manager, actor, `candidate.${kind}_removed`, this.dtoOf(kind, row), undefined);
    });
  }

  async listEducation(candidateId: string): Promise<EducationDto[]> {
    return (await this.records.education(this.dataSource.manager, candidateId)).map(toEducationDto);
  }

  async listEmployment(candidateId: string): Promise<EmploymentDto[]> {
    return (await this.records.employment(this.dataSource.manager, candidateId)).map(toEmploymentDto);
  }

  async listLearning(candidateId: string): Promise<LearningDto[]> {
    return (await this.records.learning(this.dataSource.manager, candidateId)).map(toLearningDto);
  }

  private educationValues(dto: CreateEducationDto) {
    return {
      level: dto.level,
      institution: dto.institution,
      specialty: dto.specialty ?? null,
      qualification: dto.qualification ?? null,
      graduationYear: dto.graduationYear,
      documentRef: dto.documentRef,
      documentId: dto.documentId,
    };
  }

  private employmentValues(dto: CreateEmploymentDto) {
    const problems = periodProblems({ startDate: dto.startDate, endDate: dto.endDate }, 'startDate', 'endDate');
    if (problems.length > 0) throw DomainException.validation(problems);
    return {
      employer: dto.employer,
      position: dto.position,
      field: dto.field,
      startDate: dto.startDate,
      endDate: dto.endDate ?? null,
      documentRef: dto.documentRef,
      documentId: dto.documentId,
    };
  }

  private learningValues(dto: CreateLearningDto) {
    const problems = periodProblems(
      { startDate: dto.startDate, endDate: dto.endDate, issueDate: dto.issueDate },
      'startDate',
      'endDate',
    );
    if (problems.length > 0) throw DomainException.validation(problems);
    return {
      kind: dto.kind,
      title: dto.title,
      issuer: dto.issuer,
      startDate: dto.startDate ?? null,
      endDate: dto.endDate ?? null,
      issueDate: dto.issueDate,
      documentId: dto.documentId,
    };
  }

  private dtoOf(kind: RecordKind, row: RecordRow): EducationDto | EmploymentDto | LearningDto {
    if (kind === 'education') return toEducationDto(row as EducationRecordEntity);
    if (kind === 'employment') return toEmploymentDto(row as EmploymentRecordEntity);
    return toLearningDto(row as LearningRecordEntity);
  }

  /**
   * Replaces a record's values. When anything changes, its document check starts again (a
   * confirmation was of the record as it was); an identical PUT changes nothing.
   */
  private async updateRecord<T extends RecordRow>(
    actor: Actor,
    kind: RecordKind,
    id: string,
    values: Partial<T>,
    toDto: (row: T) => object,
  ): Promise<T> {
    return this.changeRecords(actor, async (manager) => {
      const before = await this.records.lockOwn(manager, kind, id, actor.userId);
      if (!before) throw DomainException.notFound(ENTITY_NAMES[kind], id);
      const current = before as T;
      const changed = Object.entries(values).some(([key, value]) => current[key as keyof T] !== (value as T[keyof T]));
      if (!changed) return current;
      const after = { ...current, ...values, ...UNCHECKED, updatedAt: new Date() } as T;
      await this.records.update(manager, kind, id, { ...values, ...UNCHECKED });
      await this.recordAudit(manager, actor, `candidate.${kind}_updated`, toDto(current), toDto(after));
      return after;
    });
  }

  /**
   * One transaction for a change to the candidate's records: the applications being checked are
   * locked first (RecordsRepository.lockInCheck), and those awaiting their document check are
   * checked again once the change commits. A document that is not one of the candidate's own
   * evidence files, or a field that is not in the tree, is refused by the database and answered
   * with the field at fault.
   */
  private async changeRecords<T>(actor: Actor, change: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const inCheck = await this.records.lockInCheck(manager, actor.userId);
        const result = await change(manager);
        await this.admission.requestRecheck(manager, inCheck);
        return result;
      });
    } catch (error) {
      if (isForeignKeyViolation(error) && /_document$/.test(constraintOf(error))) {
        throw new DomainException('NOT_FOUND', 'The document is not one of your evidence files', {
          entity: 'Evidence',
          fields: [fieldError('documentId', 'field:notYourFile')],
        });
      }
      if (isForeignKeyViolation(error, 'fk_candidate_employment_field')) {
        throw DomainException.validation([fieldError('field', 'field:fieldCode')]);
      }
      throw error;
    }
  }

  private async recordAudit(
    manager: EntityManager,
    actor: Actor,
    action: string,
    before: object | undefined,
    after: object | undefined,
  ): Promise<void> {
    await this.audit.record(manager, {
      actor: toAuditActor(actor),
      action,
      entityType: 'candidate',
      entityId: actor.userId,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
    });
  }

  /**
   * The ИИН is shown whole to its owner, admins and the managers of a centre the candidate
   * applied to; everyone else who may see the profile sees it masked. Staff also see whether
   * another account declares the ИИН and the centre's confirmation; the candidate never does
   * (it would tell them whether the ИИН they typed is someone's).
   */
  private async profileOf(actor: Actor, candidateId: string): Promise<ProfileDto | null> {
    const own = actor.userId === candidateId;
    const [profile, names, contact, employment, tree, facts] = await Promise.all([
      this.profiles.find(candidateId),
      userNames(this.dataSource.manager, [candidateId]),
      userContact(this.dataSource.manager, candidateId),
      this.records.employment(this.dataSource.manager, candidateId),
      this.records.fieldTree(this.dataSource.manager),
      own ? Promise.resolve(null) : identityFactsOf(this.dataSource, [candidateId]),
    ]);
    const fullName = names.get(candidateId);
    if (!profile || fullName === undefined || !contact) return null;
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
      fullName,
      email: contact.email,
      iin: full ? profile.iin : maskIin(profile.iin),
      iinMasked: !full,
      birthDate: profile.birthDate,
      sex: profile.sex,
      phone: profile.phone,
      address: profile.address,
      experience: experienceSummary(employment, tree),
      ...staffView,
    };
  }
}

function constraintOf(error: unknown): string {
  const driver = (error as { driverError?: { constraint?: unknown } }).driverError;
  return typeof driver?.constraint === 'string' ? driver.constraint : '';
}
