import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, Actor, Permission, toAuditActor } from '@qualcert/identity';
import { AuditService, DomainException } from '@qualcert/shared';
import type { EligibilityResult } from '../eligibility/eligibility';
import type { ApplicationEntity } from '../entities/application.entity';
import type { EducationRecordEntity } from '../entities/education-record.entity';
import type { EmploymentRecordEntity } from '../entities/employment-record.entity';
import type { LearningRecordEntity } from '../entities/learning-record.entity';
import { toRecordCheckDto } from '../profile/candidates.service';
import { educationLabel, employmentLabel, learningLabel, type RecordKind } from '../records/record-facts';
import { RecordRow, RecordsRepository } from '../records/records.repository';
import { AdmissionService } from './admission.service';
import { ApplicationsRepository } from './applications.repository';
import type { DocumentCheckDto, DocumentCheckRecordDto, DocumentVerdictDto } from './applications.dto';
import { verdictRefusal } from './document-check-rule';

/** The routes of a stored result whose conditions look at a record (counted, rejected or undocumented). */
function routesLookingAt(result: EligibilityResult | null, recordId: string): number[] {
  if (!result) return [];
  return result.routes
    .filter((route) =>
      route.conditions.some((c) =>
        [c.params.recordIds, c.params.rejectedRecordIds, c.params.undocumentedRecordIds].some((ids) =>
          ids.includes(recordId),
        ),
      ),
    )
    .map((route) => route.index);
}

/**
 * The centre's document check (docs/CANDIDATES.md): staff of the application's centre confirm or
 * reject the document of each record the application rests on. A verdict belongs to the record,
 * so it counts for every application of the candidate until the record changes. A confirmation
 * may complete the check at once; a rejection asks the worker to check eligibility again.
 */
@Injectable()
export class DocumentCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly records: RecordsRepository,
    private readonly admission: AdmissionService,
    private readonly applications: ApplicationsRepository,
  ) {}

  /** The candidate's records with their checks, the ones the application needs first. */
  async view(actor: Actor, applicationId: string): Promise<DocumentCheckDto> {
    await this.access.requireAnyAccess(
      actor,
      [Permission.ApplicationRead, Permission.ApplicationCheckDocuments],
      [applicationId],
      'Application',
    );
    const app = await this.applications.get(this.dataSource.manager, applicationId);
    const rows = await this.records.load(this.dataSource.manager, app.candidateId);
    const entry = (kind: RecordKind, row: RecordRow, label: string): DocumentCheckRecordDto => ({
      kind,
      id: row.id,
      label,
      documentId: row.documentId,
      check: toRecordCheckDto(row),
      routes: routesLookingAt(app.eligibility, row.id),
    });
    const records = [
      ...rows.education.map((e: EducationRecordEntity) => entry('education', e, educationLabel(e))),
      ...rows.employment.map((e: EmploymentRecordEntity) => entry('employment', e, employmentLabel(e))),
      ...rows.learning.map((l: LearningRecordEntity) => entry('learning', l, learningLabel(l))),
    ];
    // The stored result may predate a rejection the worker is still re-checking: list only what still awaits.
    const unchecked = new Set(records.filter((r) => r.check.status === 'pending').map((r) => r.id));
    return {
      applicationId: app.id,
      status: app.status,
      pendingRecordIds:
        app.status === 'awaiting_documents'
          ? (app.eligibility?.pendingRecordIds ?? []).filter((id) => unchecked.has(id))
          : [],
      records: [...records.filter((r) => r.routes.length > 0), ...records.filter((r) => r.routes.length === 0)],
    };
  }

  /**
   * A manager or assessor of the application's centre confirms or rejects one record's document.
   * Applications are locked before the record (RecordsRepository), every verdict is audited, and a
   * repeated verdict is given again (and audited again) rather than ignored.
   */
  async verdict(
    actor: Actor,
    applicationId: string,
    recordId: string,
    dto: DocumentVerdictDto,
  ): Promise<DocumentCheckDto> {
    await this.access.requireAccess(actor, Permission.ApplicationCheckDocuments, [applicationId], 'Application');
    await this.dataSource.transaction(async (manager) => {
      const { candidateId } = await this.applications.get(manager, applicationId);
      const inCheck = await this.records.lockInCheck(manager, candidateId, applicationId);
      const app = inCheck.find((a) => a.id === applicationId) as ApplicationEntity;
      const closed = verdictRefusal({ applicationStatus: app.status, hasDocument: true, verdict: dto.verdict });
      if (closed) throw new DomainException(closed.code, closed.message, closed.details);
      const record = await this.records.lockRecord(manager, candidateId, recordId);
      if (!record) throw DomainException.notFound('Record', recordId);
      const refusal = verdictRefusal({
        applicationStatus: app.status,
        hasDocument: record.row.documentId !== null,
        verdict: dto.verdict,
      });
      if (refusal) throw new DomainException(refusal.code, refusal.message, refusal.details);

      const check = {
        checkStatus: dto.verdict,
        checkReason: dto.reason ?? null,
        checkedBy: actor.userId,
        checkedAt: new Date(),
        checkedApplicationId: applicationId,
      };
      await this.records.update(manager, record.kind, recordId, check);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'application.document_checked',
        entityType: 'application',
        entityId: applicationId,
        before: { recordKind: record.kind, recordId, status: record.row.checkStatus, reason: record.row.checkReason },
        after: { recordKind: record.kind, recordId, status: check.checkStatus, reason: check.checkReason },
      });
      if (dto.verdict === 'confirmed') {
        // Confirming only adds to what counts: the check is completed here, under the same locks.
        for (const waiting of inCheck.filter((a) => a.status === 'awaiting_documents')) {
          await this.admission.evaluate(manager, waiting, toAuditActor(actor), 'document confirmed');
        }
      } else {
        await this.admission.requestRecheck(manager, inCheck);
      }
    });
    return this.view(actor, applicationId);
  }
}
