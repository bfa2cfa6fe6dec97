import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditService, DomainException, OutboxService, utcToday } from '@qualcert/shared';
import { findCard } from '@qualcert/standards';
import { evaluateEligibility, type EligibilityOutcome } from '../eligibility/eligibility';
import type { ApplicationEntity } from '../entities/application.entity';
import { candidateRecords } from '../records/record-facts';
import { RecordsRepository } from '../records/records.repository';
import { eligibilityEvent, type ApplicationStatus } from './application-state';
import { transitionApplication } from './application-transition';
import { ApplicationsRepository } from './applications.repository';

/**
 * Admission: the eligibility check on a candidate's records and the document-check gate that
 * follows it (docs/CANDIDATES.md). Used by the worker (after a submission, and again when what an
 * application awaiting its document check rests on changed) and by the API (when a confirmed
 * document may complete the check). The caller holds the application's lock.
 */
@Injectable()
export class AdmissionService {
  constructor(
    private readonly records: RecordsRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly applications: ApplicationsRepository,
  ) {}

  /**
   * Checks `app` on the records as they are now, stores the explanation, and moves the application
   * as the gate says (eligible on confirmed records; awaiting the document check on declared ones;
   * ineligible otherwise). `cause` says in the audit trail what asked for the check.
   */
  async evaluate(
    manager: EntityManager,
    app: ApplicationEntity,
    actor: AuditActor,
    cause: string,
  ): Promise<{ status: ApplicationStatus; outcome: EligibilityOutcome }> {
    const card = await findCard(manager, app.cardId);
    if (!card) throw DomainException.notFound('Card', app.cardId);
    const fields = await this.records.fieldTree(manager);
    const rows = await this.records.load(manager, app.candidateId);
    const result = evaluateEligibility(
      card.prerequisites,
      candidateRecords(rows),
      fields,
      utcToday(),
      card.prerequisiteStatus === 'confirmed',
    );
    const event = eligibilityEvent(app.status, result.outcome);
    const checked = { eligibility: result, eligibilityCheckedAt: new Date() };
    let status = app.status;
    if (event === null) await this.applications.update(manager, app.id, checked);
    else status = await transitionApplication(manager, app.id, app.status, event, checked);
    await this.audit.record(manager, {
      actor,
      action: 'application.eligibility_checked',
      entityType: 'application',
      entityId: app.id,
      before: { status: app.status },
      after: { status, outcome: result.outcome, summary: result.summary, cause },
    });
    return { status, outcome: result.outcome };
  }

  /**
   * Asks the worker to check again each of `apps` that awaits its document check (the others are
   * either not being checked or about to be): a record or a verdict it may rest on changed. The
   * caller holds the applications' locks (RecordsRepository.lockInCheck).
   */
  async requestRecheck(manager: EntityManager, apps: readonly ApplicationEntity[]): Promise<void> {
    for (const app of apps) {
      if (app.status !== 'awaiting_documents') continue;
      const round = app.recheckRound + 1;
      await this.applications.update(manager, app.id, { recheckRound: round });
      await this.outbox.publish(manager, 'application.documents_changed', { applicationId: app.id, round });
    }
  }
}
