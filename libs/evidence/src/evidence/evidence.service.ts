import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApplicationEntity, EDITABLE_STATUSES, findApplication, lockApplication } from '@qualcert/candidates';
import { AccessService, Actor, Permission, toAuditActor } from '@qualcert/identity';
import {
  AppConfig,
  AuditService,
  DomainException,
  errorMessage,
  isUniqueViolation,
  isIsoDay,
  utcToday,
  FILE_STORAGE,
  FileStorage,
  fieldError,
  fieldFault,
} from '@qualcert/shared';
import { CardOutlineReader } from '@qualcert/standards';
import type { EvidenceFileEntity } from '../entities/evidence-file.entity';
import { sanitizeFileName } from '../files/file-type';
import type { ReceivedUpload } from './evidence-upload.interceptor';
import { EvidenceQuotaRepository } from './evidence-quota.repository';
import { EvidenceRepository } from './evidence.repository';
import type { CreateClaimDto, EvidenceDto, SkillPlanDto, UploadEvidenceDto, UploadResultDto } from './evidence.dto';

function toEvidenceDto(e: EvidenceFileEntity): EvidenceDto {
  const { id, candidateId, type, issuer, issueDate, description, fileName, mime, sizeBytes, sha256, createdAt } = e;
  return { id, candidateId, type, issuer, issueDate, description, fileName, mime, sizeBytes, sha256, createdAt };
}

@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly quota: EvidenceQuotaRepository,
    private readonly repository: EvidenceRepository,
    private readonly outlines: CardOutlineReader,
  ) {}

  /** Refuses a file that would take the candidate past their storage quota. */
  private assertWithinQuota(usedBytes: number, sizeBytes: number): void {
    const quotaBytes = this.config.EVIDENCE_QUOTA_BYTES;
    if (usedBytes + sizeBytes > quotaBytes) {
      throw new DomainException('STORAGE_QUOTA_EXCEEDED', 'This file would take your evidence past its storage quota', {
        quotaBytes,
        usedBytes,
        sizeBytes,
        fields: [fieldError('file', 'field:quota')],
      });
    }
  }

  /**
   * The file arrives judged (type, size) and staged in storage by EvidenceUploadInterceptor; it is
   * put under its key first, then its row is written: a row never points at a missing file. If the
   * row cannot be written, a file that no row references is removed again, so a failed upload
   * leaves nothing; a file refused before that is discarded by the interceptor. The same content
   * uploaded again by the same candidate is stored once.
   */
  async upload(actor: Actor, file: ReceivedUpload | undefined, meta: UploadEvidenceDto): Promise<UploadResultDto> {
    if (!file) throw DomainException.validation([fieldError('file', 'field:fileRequired')]);
    const detected = file.type;
    if (!isIsoDay(meta.issueDate)) {
      throw DomainException.validation([fieldError('issueDate', 'field:realDate')]);
    }
    if (meta.issueDate > utcToday()) {
      throw DomainException.validation([fieldError('issueDate', 'field:future')]);
    }
    const sha256 = file.sha256;
    const existing = await this.repository.findByContent(actor.userId, sha256);
    if (existing) return { ...toEvidenceDto(existing), duplicate: true };

    const row: EvidenceFileEntity = {
      id: randomUUID(),
      candidateId: actor.userId,
      sha256,
      sizeBytes: file.size,
      mime: detected.mime,
      fileName: sanitizeFileName(file.originalname, detected.extension),
      storageKey: `evidence/${actor.userId}/${sha256}`,
      type: meta.type,
      issuer: meta.issuer,
      issueDate: meta.issueDate,
      description: meta.description ?? null,
      createdAt: new Date(),
    };
    // Checked before the staged bytes get a key (a refused file is discarded unkeyed), and again
    // under the candidate's lock with the row, which is what holds against parallel uploads.
    this.assertWithinQuota(await this.quota.usedBytes(this.dataSource.manager, actor.userId), row.sizeBytes);
    await file.staged.commit(row.storageKey, detected.mime);
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.quota.lock(manager, actor.userId);
        this.assertWithinQuota(await this.quota.usedBytes(manager, actor.userId), row.sizeBytes);
        await this.repository.insert(manager, row);
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'evidence.uploaded',
          entityType: 'evidence',
          entityId: row.id,
          after: {
            type: row.type,
            issuer: row.issuer,
            issueDate: row.issueDate,
            fileName: row.fileName,
            mime: row.mime,
            sha256,
            sizeBytes: row.sizeBytes,
          },
        });
      });
    } catch (error) {
      // The same file uploaded twice at once: the other request stored it under the same key.
      const stored = await this.repository.findByContent(actor.userId, sha256);
      if (stored && isUniqueViolation(error, 'uq_evidence_file_content'))
        return { ...toEvidenceDto(stored), duplicate: true };
      if (!stored)
        await this.storage
          .delete(row.storageKey)
          .catch(() => this.logger.warn({ key: row.storageKey }, 'orphan file not removed'));
      throw error;
    }
    return { ...toEvidenceDto(row), duplicate: false };
  }

  async listOwn(actor: Actor): Promise<EvidenceDto[]> {
    return (await this.repository.listOf(actor.userId)).map(toEvidenceDto);
  }

  async get(actor: Actor, id: string): Promise<EvidenceDto> {
    return toEvidenceDto(await this.requireReadable(actor, id));
  }

  async download(actor: Actor, id: string): Promise<{ row: EvidenceDto; data: Buffer }> {
    const row = await this.requireReadable(actor, id);
    return { row: toEvidenceDto(row), data: await this.storage.get(row.storageKey) };
  }

  /**
   * Links evidence to skills of the application's card. Only skills whose recognition is
   * recommended may be credited on evidence; a claim for any other is refused, naming it.
   */
  async addClaims(actor: Actor, applicationId: string, dto: CreateClaimDto): Promise<SkillPlanDto[]> {
    await this.access.requireAccess(actor, Permission.ApplicationOwn, [applicationId], 'Application');
    await this.dataSource.transaction(async (manager) => {
      const app = await lockApplication(manager, applicationId);
      if (!app) throw DomainException.notFound('Application', applicationId);
      const skillIds = [...new Set(dto.skillIds)];
      // After submission only the claims an assessor asked more evidence for may grow.
      const reopened = await this.repository.reopenedSkillIds(manager, applicationId, skillIds);
      if (reopened.length !== skillIds.length) this.assertEditable(app);
      if (app.pathway !== 'recognition') {
        throw new DomainException(
          'PATHWAY_MISMATCH',
          'Evidence is claimed on the recognition pathway only; on the assessment pathway every skill is examined',
        );
      }
      const evidence = await this.repository.findOwned(manager, dto.evidenceId, app.candidateId);
      if (!evidence) throw DomainException.notFound('Evidence', dto.evidenceId);
      const claimed = new Set(skillIds);
      const skills = (await this.outlines.read(app.cardId, manager)).functions
        .flatMap((f) => f.skills)
        .filter((s) => claimed.has(s.id));
      const foreign = skillIds.filter((id) => !skills.some((s) => s.id === id));
      if (foreign.length > 0) {
        throw new DomainException('SKILL_NOT_IN_CARD', 'A skill claimed is not a skill of the application’s card', {
          fields: [{ field: 'skillIds', messages: foreign.map((id) => fieldFault('field:idNotSkillOfCard', { id })) }],
          skillIds: foreign,
        });
      }
      const refused = skills.filter((s) => s.recognition !== 'recommended');
      if (refused.length > 0) {
        throw new DomainException(
          'SKILL_NOT_RECOGNISABLE',
          errorMessage('SKILL_NOT_RECOGNISABLE:skills', { skills: refused.map((s) => `«${s.title}»`).join(', ') }),
          {
            fields: [
              {
                field: 'skillIds',
                messages: refused.map((s) =>
                  fieldFault('field:recognitionRefused', { id: s.id, recognition: s.recognition }),
                ),
              },
            ],
            skills: refused.map((s) => ({ id: s.id, title: s.title, recognition: s.recognition })),
          },
        );
      }
      await this.repository.insertClaims(manager, applicationId, evidence.id, skillIds);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'application.evidence_claimed',
        entityType: 'application',
        entityId: applicationId,
        after: { evidenceId: evidence.id, skillIds },
      });
    });
    return this.skillPlan(actor, applicationId);
  }

  async removeClaim(actor: Actor, applicationId: string, evidenceId: string, skillId: string): Promise<void> {
    await this.access.requireAccess(actor, Permission.ApplicationOwn, [applicationId], 'Application');
    await this.dataSource.transaction(async (manager) => {
      const app = await lockApplication(manager, applicationId);
      if (!app) throw DomainException.notFound('Application', applicationId);
      this.assertEditable(app);
      if (!(await this.repository.deleteClaim(manager, applicationId, evidenceId, skillId)))
        throw DomainException.notFound('Claim', `${evidenceId}/${skillId}`);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'application.evidence_unclaimed',
        entityType: 'application',
        entityId: applicationId,
        before: { evidenceId, skillId },
      });
    });
  }

  /** Per skill of the card: judged on evidence, or at an exam, and why. */
  async skillPlan(actor: Actor, applicationId: string): Promise<SkillPlanDto[]> {
    await this.access.requireAccess(actor, Permission.ApplicationRead, [applicationId], 'Application');
    const app = await findApplication(this.dataSource.manager, applicationId);
    if (!app) throw DomainException.notFound('Application', applicationId);
    const [outline, claims] = await Promise.all([
      this.outlines.read(app.cardId),
      this.repository.claimsOf(applicationId),
    ]);
    return outline.functions.flatMap((fn) =>
      fn.skills.map((s) => {
        const evidenceIds = claims.filter((c) => c.skillId === s.id).map((c) => c.evidenceId);
        const [route, reason] =
          app.pathway === 'assessment'
            ? ['exam', 'the assessment pathway examines every skill']
            : s.recognition !== 'recommended'
              ? ['exam', 'the standard does not recommend recognising this skill on evidence']
              : evidenceIds.length === 0
                ? ['exam', 'no evidence is claimed for this skill']
                : ['evidence_review', 'evidence is claimed; assessors will review it'];
        return {
          skillId: s.id,
          functionKind: fn.kind,
          functionNumber: fn.number,
          functionTitle: fn.title,
          skillNumber: s.number,
          title: s.title,
          recognition: s.recognition,
          route,
          reason,
          evidenceIds,
        };
      }),
    );
  }

  private assertEditable(app: ApplicationEntity): void {
    if (!EDITABLE_STATUSES.includes(app.status)) {
      throw new DomainException(
        'APPLICATION_FROZEN',
        `The application is ${app.status}: its evidence and claims can no longer change`,
        {
          currentStatus: app.status,
        },
      );
    }
  }

  /**
   * The owner, admins, managers of a centre the candidate applied to, and assessors assigned to
   * the candidate or checking the documents behind their records (docs/ACCESS.md); 404 for others.
   */
  private async requireReadable(actor: Actor, id: string): Promise<EvidenceFileEntity> {
    await this.access.requireAccess(actor, Permission.EvidenceRead, [id], 'Evidence');
    return this.repository.get(id);
  }
}
