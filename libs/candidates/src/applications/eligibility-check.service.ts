import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@qualcert/shared';
import type { ApplicationStatus } from './application-state';
import { lockApplication } from './application.repository';
import { ApplicationsRepository } from './applications.repository';
import { AdmissionService } from './admission.service';

export type CheckOutcome = ApplicationStatus | 'skipped';

/**
 * The worker's side of admission. Each job re-reads everything and does nothing unless it is
 * still the job's turn: a check only while the application is submitted at the same submission,
 * a re-check only while it awaits its document check at the same round and that round was not
 * checked yet. A job that runs twice, or a job of an earlier turn, changes nothing.
 */
@Injectable()
export class EligibilityCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly admission: AdmissionService,
    private readonly applications: ApplicationsRepository,
  ) {}

  /** After a submission: eligible, awaiting the document check, or ineligible. */
  async check(applicationId: string, submission: number): Promise<CheckOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const app = await lockApplication(manager, applicationId);
      if (!app || app.status !== 'submitted' || app.submission !== submission) return 'skipped';
      return (await this.admission.evaluate(manager, app, SYSTEM_ACTOR, 'submitted')).status;
    });
  }

  /** After a rejected document or a changed record: the check again, which may end in a refusal. */
  async recheck(applicationId: string, round: number): Promise<CheckOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const app = await lockApplication(manager, applicationId);
      if (!app || app.status !== 'awaiting_documents' || app.recheckRound !== round || app.recheckedRound >= round) {
        return 'skipped';
      }
      await this.applications.update(manager, app.id, { recheckedRound: round });
      return (await this.admission.evaluate(manager, app, SYSTEM_ACTOR, 'documents changed')).status;
    });
  }
}
