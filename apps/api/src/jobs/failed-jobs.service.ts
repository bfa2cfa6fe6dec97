import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { centresOfTheoryTests } from '@qualcert/assessment';
import { centresOfApplications } from '@qualcert/candidates';
import { applicationsOfDecisionsAndAppeals } from '@qualcert/decisions';
import { DomainException, WORKFLOW_QUEUES } from '@qualcert/shared';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A centre's failed jobs are looked for among this many of each queue's newest failures.
const SCANNED_PER_QUEUE = 500;

/** The failed list of the workflow queues, for an admin to inspect and retry. */
@Injectable()
export class FailedJobsService {
  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async failed(queue: string | undefined, limit: number) {
    const selected = queue ? [this.queue(queue)] : WORKFLOW_QUEUES.map((name) => this.queue(name));
    const lists = await Promise.all(
      selected.map(async (q) =>
        (await q.getFailed(0, Math.min(limit, SCANNED_PER_QUEUE) - 1)).map((job) => ({ queue: q.name, job })),
      ),
    );
    return lists
      .flat()
      .sort((a, b) => (b.job.finishedOn ?? 0) - (a.job.finishedOn ?? 0))
      .slice(0, limit)
      .map(({ queue: name, job }) => ({
        queue: name,
        id: String(job.id),
        name: job.name,
        data: job.data as Record<string, unknown>,
        attemptsMade: job.attemptsMade,
        failedReason: job.failedReason,
        failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
      }));
  }

  /**
   * The failed jobs about one centre's work. Jobs carry ids only (an application, a decision, an
   * appeal, a theory test): each is traced to its centre by the context that owns it, a fixed
   * number of reads. A job whose ids lead nowhere (malformed, or rows since gone) is no centre's:
   * the administrators' list shows it.
   */
  async failedOfCentre(centreId: string, limit: number) {
    const jobs = await this.failed(undefined, SCANNED_PER_QUEUE * WORKFLOW_QUEUES.length);
    const idsOf = (key: string) => [
      ...new Set(jobs.map((j) => j.data[key]).filter((v): v is string => typeof v === 'string' && UUID.test(v))),
    ];
    const manager = this.dataSource.manager;
    const { decisions, appeals } = await applicationsOfDecisionsAndAppeals(
      manager,
      idsOf('decisionId'),
      idsOf('appealId'),
    );
    const applicationIds = [...new Set([...idsOf('applicationId'), ...decisions.values(), ...appeals.values()])];
    const applicationCentres = await centresOfApplications(manager, applicationIds);
    const testCentres = await centresOfTheoryTests(manager, idsOf('testId'));
    const centreOf = (data: Record<string, unknown>): string | undefined => {
      const id = (key: string) => (typeof data[key] === 'string' ? data[key] : '');
      const application = id('applicationId') || decisions.get(id('decisionId')) || appeals.get(id('appealId'));
      return application ? applicationCentres.get(application) : testCentres.get(id('testId'));
    };
    return jobs.filter((j) => centreOf(j.data) === centreId).slice(0, limit);
  }

  async retry(queue: string, id: string): Promise<void> {
    const job = await this.queue(queue).getJob(id);
    if (!job || !(await job.isFailed())) throw DomainException.notFound('FailedJob', `${queue}/${id}`);
    await job.retry('failed');
  }

  private queue(name: string): Queue {
    if (!(WORKFLOW_QUEUES as readonly string[]).includes(name)) throw DomainException.notFound('Queue', name);
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
