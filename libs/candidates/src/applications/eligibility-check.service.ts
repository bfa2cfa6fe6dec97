import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR, utcToday } from '@qualcert/shared';
import { ProfessionCardEntity } from '@qualcert/standards/entities';
import { ApplicationEntity } from '../entities/application.entity';
import { EducationRecordEntity } from '../entities/education-record.entity';
import { EmploymentRecordEntity } from '../entities/employment-record.entity';
import { evaluateEligibility } from '../eligibility/eligibility';
import { requireTransition } from './application-state';

export type CheckOutcome = 'eligible' | 'ineligible' | 'skipped';

/**
 * The worker's side of a submission. It re-reads everything, and does nothing unless the
 * application is still submitted at the same submission: a job that runs twice, or a job of an
 * earlier submission, changes nothing.
 */
@Injectable()
export class EligibilityCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async check(applicationId: string, submission: number): Promise<CheckOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const app = await manager.findOne(ApplicationEntity, {
        where: { id: applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!app || app.status !== 'submitted' || app.submission !== submission) return 'skipped';
      // One after another: a transaction's queries share one connection.
      const card = await manager.findOneOrFail(ProfessionCardEntity, { where: { id: app.cardId } });
      const education = await manager.find(EducationRecordEntity, { where: { candidateId: app.candidateId } });
      const employment = await manager.find(EmploymentRecordEntity, { where: { candidateId: app.candidateId } });
      const evidence = await manager.query<{ n: number }[]>(
        'SELECT COUNT(DISTINCT evidence_id)::int AS n FROM evidence_claim WHERE application_id = $1',
        [app.id],
      );
      const result = evaluateEligibility(
        card.prerequisites,
        {
          educationLevels: education.map((e) => e.level),
          employment: employment.map(({ field, startDate, endDate }) => ({ field, startDate, endDate })),
          learningEvidenceCount: evidence[0]?.n ?? 0,
          pathway: app.pathway,
        },
        utcToday(),
        card.prerequisiteStatus === 'confirmed',
      );
      const outcome = result.outcome === 'eligible' ? 'eligible' : 'ineligible';
      const status = requireTransition(app.status, outcome === 'eligible' ? 'mark_eligible' : 'mark_ineligible');
      await manager.update(
        ApplicationEntity,
        { id: app.id },
        { status, eligibility: result, eligibilityCheckedAt: new Date() },
      );
      await this.audit.record(manager, {
        actor: SYSTEM_ACTOR,
        action: 'application.eligibility_checked',
        entityType: 'application',
        entityId: app.id,
        before: { status: app.status },
        after: { status, outcome: result.outcome, summary: result.summary },
      });
      return outcome;
    });
  }
}
