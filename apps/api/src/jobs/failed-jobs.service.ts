import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { DomainException, WORKFLOW_QUEUES } from '@qualcert/shared';

/** The failed list of the workflow queues, for an admin to inspect and retry. */
@Injectable()
export class FailedJobsService {
  constructor(private readonly moduleRef: ModuleRef) {}

  async failed(queue: string | undefined, limit: number) {
    const selected = queue ? [this.queue(queue)] : WORKFLOW_QUEUES.map((name) => this.queue(name));
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
    if (!(WORKFLOW_QUEUES as readonly string[]).includes(name)) throw DomainException.notFound('Queue', name);
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
