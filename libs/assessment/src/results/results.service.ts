import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type ApplicationEntity, lockApplication } from '@qualcert/candidates';
import { AccessService, Actor, assessorsOfCentre, Permission, toAuditActor } from '@qualcert/identity';
import { AuditService, DomainException, fieldError, fieldFault } from '@qualcert/shared';
import { assessedSkills, CardOutlineReader, skillAbilities } from '@qualcert/standards';
import { AssessorsService } from '../assessors/assessors.service';
import type { EnrolmentEntity } from '../sessions/session.entities';
import { SessionsRepository } from '../sessions/sessions.repository';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';
import type { EvidenceReviewEntity } from './result.entities';
import { ResultsRepository } from './results.repository';
import type {
  ApplicationProgressDto,
  EnrolmentResultsDto,
  EvidenceReviewDto,
  RecordVerdictDto,
  ReviewDecisionDto,
} from './results.dto';

function toReviewDto(r: EvidenceReviewEntity): EvidenceReviewDto {
  const { id, applicationId, skillId, assessorId, status, criteria, comment, moreRequestedAt, decidedAt } = r;
  return { id, applicationId, skillId, assessorId, status, criteria, comment, moreRequestedAt, decidedAt };
}

/** Practical sheets, evidence reviews, and what they add up to for each application. */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ResultsRepository,
    private readonly sessions: SessionsRepository,
    private readonly access: AccessService,
    private readonly assessors: AssessorsService,
    private readonly progress: ProgressService,
    private readonly progressReads: ProgressRepository,
    private readonly audit: AuditService,
    private readonly outlines: CardOutlineReader,
  ) {}

  /** An assigned assessor records a verdict on an examined skill, until they sign their sheet. */
  async recordVerdict(
    actor: Actor,
    enrolmentId: string,
    skillId: string,
    dto: RecordVerdictDto,
  ): Promise<EnrolmentResultsDto> {
    const enrolment = await this.assignedEnrolment(actor, enrolmentId);
    if (!enrolment.examinedSkillIds.includes(skillId)) {
      throw new DomainException('SKILL_NOT_EXAMINED', 'The skill is not examined for this candidate', {
        fields: [fieldError('skillId', 'field:notExamined')],
      });
    }
    const abilityIds = (await skillAbilities(this.dataSource.manager, skillId))?.abilityIds ?? [];
    const foreign = dto.abilitiesObserved.filter((a) => !abilityIds.includes(a));
    if (foreign.length > 0)
      throw DomainException.validation([
        { field: 'abilitiesObserved', messages: foreign.map((a) => fieldFault('field:notAbility', { id: a })) },
      ]);
    await this.dataSource.transaction(async (manager) => {
      // Shared with other verdicts, exclusive with a signature (which locks the enrolment FOR
      // UPDATE): a verdict sent while its sheet is being signed waits, then finds it signed.
      await this.repository.shareEnrolmentForVerdict(manager, enrolmentId);
      await this.assertUnsigned(manager, enrolmentId, actor.userId);
      await this.repository.upsertVerdict(manager, {
        id: randomUUID(),
        enrolmentId,
        assessorId: actor.userId,
        skillId,
        verdict: dto.verdict,
        abilitiesObserved: [...new Set(dto.abilitiesObserved)],
        comment: dto.comment,
      });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'practical.verdict_recorded',
        entityType: 'enrolment',
        entityId: enrolmentId,
        after: { skillId, verdict: dto.verdict, abilitiesObserved: dto.abilitiesObserved },
      });
    });
    return this.results(actor, enrolmentId);
  }

  /** Signing locks the assessor's verdicts; every examined skill must have one. */
  async sign(actor: Actor, enrolmentId: string): Promise<EnrolmentResultsDto> {
    const enrolment = await this.assignedEnrolment(actor, enrolmentId);
    await this.dataSource.transaction(async (manager) => {
      await this.repository.lockEnrolmentForSignature(manager, enrolmentId);
      await this.assertUnsigned(manager, enrolmentId, actor.userId);
      const recorded = await this.repository.verdictsOf(manager, enrolmentId, actor.userId);
      const missing = enrolment.examinedSkillIds.filter((s) => !recorded.some((v) => v.skillId === s));
      if (missing.length > 0)
        throw new DomainException('SHEET_INCOMPLETE', 'Record a verdict for every examined skill before signing', {
          missingSkillIds: missing,
        });
      await this.repository.insertSheet(manager, enrolmentId, actor.userId);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'practical.sheet_signed',
        entityType: 'enrolment',
        entityId: enrolmentId,
        after: { verdicts: recorded.map((v) => ({ skillId: v.skillId, verdict: v.verdict })) },
      });
      await this.progress.handOverIfComplete(manager, enrolment.applicationId, toAuditActor(actor));
    });
    return this.results(actor, enrolmentId);
  }

  /** The session's assessors, the centre's managers, admins, and the candidate themselves. */
  async results(actor: Actor, enrolmentId: string): Promise<EnrolmentResultsDto> {
    const enrolment = await this.sessions.findEnrolment(enrolmentId);
    if (!enrolment) throw DomainException.notFound('Enrolment', enrolmentId);
    const session = await this.sessions.getSession(enrolment.sessionId);
    const allowed =
      (actor.role === 'candidate' && enrolment.candidateId === actor.userId) ||
      (actor.role === 'assessor' && (await this.sitsOn(actor.userId, session.id))) ||
      ((actor.role === 'admin' || actor.role === 'centre_manager') &&
        (await this.access.checkAccess(actor, Permission.CentreManageStaff, [session.centreId])).has(session.centreId));
    if (!allowed) throw DomainException.notFound('Enrolment', enrolmentId);
    return this.progress.enrolmentResults(this.dataSource.manager, enrolmentId);
  }

  /**
   * A centre manager assigns an impartial assessor to review the evidence claimed for the
   * recommended skills of a submitted recognition application: one review per claimed skill the
   * application is assessed on.
   */
  async assignReviewer(actor: Actor, applicationId: string, assessorId: string): Promise<EvidenceReviewDto[]> {
    await this.access.requireAccess(actor, Permission.ApplicationManage, [applicationId], 'Application');
    return this.dataSource.transaction(async (manager) => {
      const app = (await lockApplication(manager, applicationId)) as ApplicationEntity;
      if (app.pathway !== 'recognition' || app.status !== 'eligible') {
        throw new DomainException(
          'INVALID_TRANSITION',
          'Evidence is reviewed for eligible applications on the recognition pathway',
          { currentStatus: app.status, pathway: app.pathway },
        );
      }
      const member = await assessorsOfCentre(manager, app.centreId, [assessorId], { activeOnly: false });
      if (member.length === 0)
        throw new DomainException('NOT_FOUND', 'The assessor is not an assessor of this centre', {
          fields: [fieldError('assessorId', 'field:unknownAssessor')],
        });
      const refusals = await this.assessors.refusals(manager, assessorId, app.cardId, [app.candidateId]);
      if (refusals.length > 0) {
        throw new DomainException(
          'ASSESSOR_NOT_ASSIGNABLE',
          `The assessor may not review this candidate: ${refusals.map((r) => r.message).join('; ')}`,
          { assessorId, refusals },
        );
      }
      // Only skills the application is assessed on: evidence for an additional function the
      // candidate did not choose credits nothing, so nobody reviews it.
      const claimed = new Set(await this.progressReads.claimedSkillIds(manager, applicationId));
      const reviewable = assessedSkills(
        await this.outlines.read(app.cardId, manager),
        app.additionalFunctionIds,
      ).filter((s) => s.recognition === 'recommended' && claimed.has(s.id));
      const existing = await this.repository.reviewsOfApplication(applicationId, manager);
      const rows = reviewable
        .filter((s) => !existing.some((e) => e.skillId === s.id))
        .map((s) => ({
          id: randomUUID(),
          applicationId,
          skillId: s.id,
          assessorId,
          status: 'pending' as const,
          criteria: null,
          comment: null,
          moreRequestedAt: null,
          decidedAt: null,
        }));
      if (rows.length > 0) await this.repository.insertReviews(manager, rows);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'evidence_review.assigned',
        entityType: 'application',
        entityId: applicationId,
        after: { assessorId, skillIds: rows.map((r) => r.skillId) },
      });
      return (await this.repository.reviewsOfApplication(applicationId, manager)).map(toReviewDto);
    });
  }

  async myReviews(actor: Actor): Promise<EvidenceReviewDto[]> {
    return (await this.repository.reviewsOfAssessor(actor.userId)).map(toReviewDto);
  }

  async reviewsOf(actor: Actor, applicationId: string): Promise<EvidenceReviewDto[]> {
    await this.access.requireAccess(actor, Permission.ApplicationRead, [applicationId], 'Application');
    return (await this.repository.reviewsOfApplication(applicationId)).map(toReviewDto);
  }

  /**
   * The assigned assessor accepts (all four criteria met), rejects (the skill goes to the exam),
   * or asks once for more evidence, which the candidate may then add to that claim only.
   */
  async decide(actor: Actor, reviewId: string, dto: ReviewDecisionDto): Promise<EvidenceReviewDto> {
    return this.dataSource.transaction(async (manager) => {
      const review = await this.repository.lockReview(manager, reviewId, actor.userId);
      if (!review) throw DomainException.notFound('EvidenceReview', reviewId);
      if (review.status === 'accepted' || review.status === 'rejected') {
        throw new DomainException('REVIEW_DECIDED', `The review is already ${review.status}`, {
          currentStatus: review.status,
        });
      }
      const criteria = dto.criteria ?? null;
      let next: EvidenceReviewEntity['status'];
      if (dto.decision === 'request_more') {
        if (review.moreRequestedAt)
          throw new DomainException('MORE_EVIDENCE_ALREADY_REQUESTED', 'More evidence can be asked for once', {
            moreRequestedAt: review.moreRequestedAt,
          });
        next = 'more_requested';
      } else if (dto.decision === 'accept') {
        const met = criteria && criteria.valid && criteria.sufficient && criteria.authentic && criteria.current;
        if (!met) {
          throw new DomainException(
            'CRITERIA_NOT_MET',
            'Evidence is accepted only when it is valid, sufficient, authentic and current',
            {
              fields: [fieldError('criteria', 'field:allCriteria')],
            },
          );
        }
        next = 'accepted';
      } else {
        next = 'rejected';
      }
      const now = new Date();
      await this.repository.updateReview(manager, reviewId, {
        status: next,
        criteria,
        comment: dto.comment,
        ...(next === 'more_requested' ? { moreRequestedAt: now } : { decidedAt: now }),
      });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: `evidence_review.${next}`,
        entityType: 'application',
        entityId: review.applicationId,
        before: { reviewId, status: review.status },
        after: { reviewId, skillId: review.skillId, status: next, criteria, comment: dto.comment },
      });
      await this.progress.handOverIfComplete(manager, review.applicationId, toAuditActor(actor));
      return toReviewDto(await this.repository.getReview(manager, reviewId));
    });
  }

  async applicationProgress(actor: Actor, applicationId: string): Promise<ApplicationProgressDto> {
    await this.access.requireAccess(actor, Permission.ApplicationRead, [applicationId], 'Application');
    return this.progress.progress(this.dataSource.manager, applicationId);
  }

  private async assignedEnrolment(actor: Actor, enrolmentId: string): Promise<EnrolmentEntity> {
    const enrolment = await this.sessions.findEnrolment(enrolmentId);
    const assigned =
      enrolment && enrolment.status === 'enrolled' && (await this.sitsOn(actor.userId, enrolment.sessionId));
    if (!enrolment || !assigned) throw DomainException.notFound('Enrolment', enrolmentId);
    return enrolment;
  }

  private async sitsOn(assessorId: string, sessionId: string): Promise<boolean> {
    return (await this.sessions.assignedTo(assessorId, [sessionId])).has(sessionId);
  }

  private async assertUnsigned(manager: EntityManager, enrolmentId: string, assessorId: string): Promise<void> {
    if (await this.repository.signed(manager, enrolmentId, assessorId)) {
      throw new DomainException('SHEET_SIGNED', 'Your sheet for this candidate is signed: its verdicts are locked');
    }
  }
}
