import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { accreditedOn, findCentre } from '@qualcert/centres';
import { AccessService, Actor, Permission, toAuditActor } from '@qualcert/identity';
import {
  AuditActor,
  AuditService,
  dayRange,
  DomainException,
  errorMessage,
  type Explanation,
  isUniqueViolation,
  OutboxService,
  utcToday,
  fieldError,
} from '@qualcert/shared';
import {
  additionalFunctionIds,
  assessedSkills,
  CardOutlineReader,
  findCard,
  recognitionWarnings,
} from '@qualcert/standards';
import type { ApplicationEntity } from '../entities/application.entity';
import { identityFactsOf } from '../identity/identity.repository';
import type { ApplicationEvent } from './application-state';
import { transitionApplication } from './application-transition';
import { lockApplication } from './application.repository';
import { ApplicationsRepository, type ApplicationScope } from './applications.repository';
import { AssessmentWithdrawal } from './assessment-withdrawal';
import { checkAdditionalFunctions } from './assessed-functions';
import { retakeOpensOn } from './retake-rule';
import { DecisionHistory, ProgramOffer } from './upper-context-ports';
import type {
  ApplicationDto,
  ApplicationsPageDto,
  CreateApplicationDto,
  ListApplicationsQueryDto,
} from './applications.dto';

export function toApplicationDto(a: ApplicationEntity): ApplicationDto {
  return {
    id: a.id,
    candidateId: a.candidateId,
    centreId: a.centreId,
    cardId: a.cardId,
    standardVersionId: a.standardVersionId,
    pathway: a.pathway,
    additionalFunctionIds: a.additionalFunctionIds,
    status: a.status,
    eligibility: a.eligibility,
    eligibilityCheckedAt: a.eligibilityCheckedAt,
    eligibilityOverride: a.eligibilityOverride,
    submittedAt: a.submittedAt,
    createdAt: a.createdAt,
  };
}

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ApplicationsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly assessmentWithdrawal: AssessmentWithdrawal,
    private readonly programOffer: ProgramOffer,
    private readonly decisionHistory: DecisionHistory,
    private readonly outlines: CardOutlineReader,
  ) {}

  /**
   * A candidate applies for a card at a centre that is accredited for it today. The card's rules
   * must be machine-checkable (or confirmed by an admin) so that eligibility can be explained.
   */
  async apply(actor: Actor, dto: CreateApplicationDto): Promise<ApplicationDto> {
    const application = await this.dataSource
      .transaction(async (manager) => {
        if (!(await this.repository.hasProfile(manager, actor.userId))) {
          throw new DomainException('PROFILE_REQUIRED', 'Complete your profile (ИИН, birth date, sex) before applying');
        }
        const card = await findCard(manager, dto.cardId);
        if (!card)
          throw new DomainException('NOT_FOUND', `Card ${dto.cardId} was not found`, {
            fields: [fieldError('cardId', 'field:unknownCard')],
          });
        if (card.prerequisiteStatus === 'needs_review') {
          throw new DomainException(
            'CARD_NEEDS_REVIEW',
            'This card’s prerequisites await an admin’s review; it cannot be applied for yet',
            { cardId: card.id },
          );
        }
        const centre = await findCentre(manager, dto.centreId);
        if (!centre)
          throw new DomainException('NOT_FOUND', `Centre ${dto.centreId} was not found`, {
            fields: [fieldError('centreId', 'field:unknownCentre')],
          });
        const on = utcToday();
        const inForce = await accreditedOn(manager, centre.id, card.id, on);
        if (centre.status !== 'active' || !inForce) {
          throw new DomainException(
            'CENTRE_NOT_ACCREDITED',
            `Centre ${centre.code} is not accredited for this card today`,
            {
              fields: [fieldError('centreId', 'field:centreNotAccredited')],
            },
          );
        }
        await this.requireRetakeOpen(manager, actor.userId, card.id, on);
        const additionalFunctionIds = await this.chosenFunctions(manager, centre.id, card.id, dto);
        const row: ApplicationEntity = {
          id: randomUUID(),
          candidateId: actor.userId,
          centreId: centre.id,
          cardId: card.id,
          standardVersionId: card.standardVersionId,
          pathway: dto.pathway,
          additionalFunctionIds,
          status: 'draft',
          eligibility: null,
          eligibilityCheckedAt: null,
          eligibilityOverride: null,
          submission: 0,
          recheckRound: 0,
          recheckedRound: 0,
          submittedAt: null,
          withdrawnAt: null,
          withdrawalRetakeWaitDays: null,
          createdAt: new Date(),
          updatedAt: new Date(),
        };
        await this.repository.insert(manager, row);
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'application.created',
          entityType: 'application',
          entityId: row.id,
          after: {
            centreId: row.centreId,
            cardId: row.cardId,
            pathway: row.pathway,
            additionalFunctionIds,
            status: row.status,
          },
        });
        return row;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'uq_application_open')) {
          throw new DomainException('APPLICATION_EXISTS', 'You already have an open application for this card', {
            fields: [fieldError('cardId', 'field:openApplication')],
          });
        }
        throw error;
      });
    return { ...toApplicationDto(application), warnings: await this.warningsFor(application) };
  }

  /** The additional functions chosen, each one of the card's and offered by the centre's active program. */
  private async chosenFunctions(
    manager: EntityManager,
    centreId: string,
    cardId: string,
    dto: CreateApplicationDto,
  ): Promise<string[]> {
    const chosen = dto.additionalFunctionIds ?? [];
    if (chosen.length === 0) return [];
    const cardAdditional = additionalFunctionIds(await this.outlines.read(cardId, manager));
    return checkAdditionalFunctions({
      chosen,
      cardAdditional,
      offered: await this.programOffer.offeredFunctions(manager, centreId, cardId),
    });
  }

  /** The warnings the application's own view carries (recognitionWarnings). */
  private async warningsFor(app: ApplicationEntity): Promise<Explanation[]> {
    if (app.pathway !== 'recognition') return [];
    return recognitionWarnings(assessedSkills(await this.outlines.read(app.cardId), app.additionalFunctionIds));
  }

  /**
   * 409 RETAKE_TOO_EARLY while the wait after a decision that did not award the card runs, or
   * after a withdrawal once results existed (which counts as not awarded).
   */
  private async requireRetakeOpen(manager: EntityManager, candidateId: string, cardId: string, on: string) {
    // The wait each decision granted when it was signed, never the program's as it is now.
    const opensOn = retakeOpensOn([
      ...(await this.decisionHistory.notAwarded(manager, candidateId, cardId)),
      ...(await this.repository.withdrawalsAfterResults(manager, candidateId, cardId)),
    ]);
    if (opensOn !== null && on < opensOn) {
      throw new DomainException('RETAKE_TOO_EARLY', errorMessage('RETAKE_TOO_EARLY:opens_on', { opensOn }), {
        opensOn,
        fields: [fieldError('cardId', 'field:retakeOpens', { opensOn })],
      });
    }
  }

  /**
   * Submits the application and, in the same transaction, records the event that asks the worker
   * for an eligibility check: the check is queued only if the submission commits.
   */
  async submit(actor: Actor, id: string): Promise<ApplicationDto> {
    await this.access.requireAccess(actor, Permission.ApplicationOwn, [id], 'Application');
    return this.transition(actor, id, 'submit', async (manager, app) => {
      const submission = app.submission + 1;
      await this.repository.update(manager, id, {
        submission,
        submittedAt: new Date(),
        eligibility: null,
        eligibilityCheckedAt: null,
      });
      await this.outbox.publish(manager, 'application.submitted', { applicationId: id, submission });
    });
  }

  /**
   * Withdraws the application and frees its seat. Once any assessment result exists the
   * withdrawal ends it as not awarded for the retake rule: the program's retake wait runs from
   * today, so a bad theory test cannot be wiped by withdrawing and applying again.
   */
  async withdraw(actor: Actor, id: string): Promise<ApplicationDto> {
    await this.access.requireAccess(actor, Permission.ApplicationOwn, [id], 'Application');
    return this.transition(actor, id, 'withdraw', async (manager) => {
      const assessment = await this.assessmentWithdrawal.end(manager, id);
      const withdrawalRetakeWaitDays = assessment.assessed ? assessment.retakeWaitDays : null;
      await this.repository.update(manager, id, { withdrawnAt: new Date(), withdrawalRetakeWaitDays });
      return {
        afterResults: assessment.assessed,
        retakeWaitDays: withdrawalRetakeWaitDays,
        releasedEnrolmentId: assessment.releasedEnrolmentId,
      };
    });
  }

  /** A centre manager admits an ineligible candidate, in writing; the reason is audited. */
  async overrideEligibility(actor: Actor, id: string, justification: string): Promise<ApplicationDto> {
    await this.access.requireAccess(actor, Permission.ApplicationManage, [id], 'Application');
    return this.transition(
      actor,
      id,
      'override',
      async (manager) => {
        await this.repository.update(manager, id, {
          eligibilityOverride: { byUserId: actor.userId, justification, at: new Date().toISOString() },
        });
      },
      { justification },
    );
  }

  /**
   * An appeal panel upheld the candidate's appeal against the refusal of admission: the
   * application is admitted, in the caller's transaction (the appeal's), audited with the appeal.
   * The only way another context changes an application's state for admission.
   */
  async admitOnAppeal(
    manager: EntityManager,
    applicationId: string,
    actor: AuditActor,
    appealId: string,
  ): Promise<void> {
    const app = await lockApplication(manager, applicationId);
    if (!app) throw DomainException.notFound('Application', applicationId);
    const status = await transitionApplication(manager, applicationId, app.status, 'admit_on_appeal');
    await this.audit.record(manager, {
      actor,
      action: 'application.admit_on_appeal',
      entityType: 'application',
      entityId: applicationId,
      before: { status: app.status },
      after: { status, appealId },
    });
  }

  /** Its readers, and the staff of its centre who check documents (an assessor needs no assignment for that). */
  async get(actor: Actor, id: string): Promise<ApplicationDto> {
    await this.access.requireAnyAccess(
      actor,
      [Permission.ApplicationRead, Permission.ApplicationCheckDocuments],
      [id],
      'Application',
    );
    // An administrator reaches every id, existing or not: an unknown one is a 404, not a failed lookup.
    const row = await this.repository.find(id);
    if (!row) throw DomainException.notFound('Application', id);
    const [dto] = await this.withIdentity(actor, [row]);
    return { ...dto, warnings: await this.warningsFor(row) };
  }

  async list(actor: Actor, query: ListApplicationsQueryDto): Promise<ApplicationsPageDto> {
    const scope: ApplicationScope =
      actor.role === 'candidate'
        ? { candidateId: actor.userId }
        : actor.role === 'admin'
          ? 'all'
          : { centreIds: actor.centreIds };
    const { start, end } = dayRange(query.submittedFrom, query.submittedTo);
    const [rows, total] = await this.repository.page(scope, {
      status: query.status,
      centreId: query.centreId,
      cardId: query.cardId,
      pathway: query.pathway,
      start,
      end,
      offset: query.offset,
      limit: query.limit,
    });
    return { items: await this.withIdentity(actor, rows), total, limit: query.limit, offset: query.offset };
  }

  /**
   * Staff reading applications see whether another account declares the candidate's ИИН, and
   * whether a centre confirmed it; a candidate never sees this of their own (an oracle).
   */
  private async withIdentity(actor: Actor, rows: ApplicationEntity[]): Promise<ApplicationDto[]> {
    if (actor.role === 'candidate') return rows.map(toApplicationDto);
    const facts = await identityFactsOf(this.dataSource, [...new Set(rows.map((r) => r.candidateId))]);
    return rows.map((row) => ({
      ...toApplicationDto(row),
      iinAlsoDeclaredElsewhere: facts.get(row.candidateId)?.iinAlsoDeclaredElsewhere ?? false,
      identityConfirmed: facts.get(row.candidateId)?.confirmed ?? false,
    }));
  }

  /** Loads the application locked, applies the transition (409 if illegal), audits it. */
  private async transition(
    actor: Actor,
    id: string,
    event: ApplicationEvent,
    effect?: (manager: EntityManager, app: ApplicationEntity) => Promise<Record<string, unknown> | void>,
    auditExtra: Record<string, unknown> = {},
  ): Promise<ApplicationDto> {
    return this.dataSource.transaction(async (manager) => {
      const app = await lockApplication(manager, id);
      if (!app) throw DomainException.notFound('Application', id);
      const status = await transitionApplication(manager, id, app.status, event);
      const effectAudit = await effect?.(manager, app);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: `application.${event}`,
        entityType: 'application',
        entityId: id,
        before: { status: app.status },
        after: { status, ...auditExtra, ...(effectAudit ?? {}) },
      });
      return toApplicationDto(await this.repository.get(manager, id));
    });
  }
}
