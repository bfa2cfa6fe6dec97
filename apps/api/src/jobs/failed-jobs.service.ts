import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DomainException, QUEUES } from '@qualcert/shared';

export const WORKFLOW_QUEUES = [
  QUEUES.eligibility,
  QUEUES.theoryDeadline,
  QUEUES.decisions,
  QUEUES.certificates,
  QUEUES.notifications,
] as const;

/** The failed list of the workflow queues, for an admin to inspect and retry. */
@Injectable()
export class FailedJobsService {
  private readonly queues: Map<string, Queue>;

  constructor(
    @InjectQueue(QUEUES.eligibility) eligibility: Queue,
    @InjectQueue(QUEUES.theoryDeadline) theoryDeadline: Queue,
    @InjectQueue(QUEUES.decisions) decisions: Queue,
    @InjectQueue(QUEUES.certificates) certificates: Queue,
    @InjectQueue(QUEUES.notifications) notifications: Queue,
  ) {
    this.queues = new Map(
      [eligibility, theoryDeadline, decisions, certificates, notifications].map((q) => [q.name, q]),
    );
  }

  async failed(queue: string | undefined, limit: number) {
    const selected = queue ? [this.queue(queue)] : [...this.queues.values()];
    const lists = await Promise.all(
      selected.map(async (q) => (await q.getFailed(0, limit - 1)).map((job) => ({ queue: q.name, job }))),
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

  async retry(queue: string, id: string): Promise<void> {
    const job = await this.queue(queue).getJob(id);
    if (!job || !(await job.isFailed())) throw DomainException.notFound('FailedJob', `${queue}/${id}`);
    await job.retry('failed');
  }

  private queue(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw DomainException.notFound('Queue', name);
    return queue;
  }
}
