import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { JOBS, type JobHandlers, QUEUES, runJob, workerOptions } from '@qualcert/shared';
import { TheoryTestsService } from './theory-tests.service';

/** Submits a theory test at its deadline. A job that runs early is put back until the deadline. */
@Processor(QUEUES.theoryDeadline, workerOptions())
export class TheoryDeadlineProcessor extends WorkerHost {
  constructor(private readonly tests: TheoryTestsService) {
    super();
  }

  private readonly handlers: JobHandlers<'theoryDeadline', string> = {
    [JOBS.theoryDeadline.submitAtDeadline]: async (job, token) => {
      const outcome = await this.tests.submitAtDeadline(job.data.testId);
      if (outcome === 'not_due' && token) {
        await job.moveToDelayed(Date.parse(job.data.deadlineAt) + 250, token);
        throw new DelayedError();
      }
      return outcome;
    },
  };

  process(job: Job, token?: string): Promise<string> {
    return runJob(this.handlers, job, token);
  }
}

const SWEEP_INTERVAL_MS = 15_000;

/**
 * A safety net under the delayed jobs: every few seconds, tests past their deadline are
 * submitted, so none stays open even if its job were lost.
 */
@Injectable()
export class TheoryDeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TheoryDeadlineSweeper.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly tests: TheoryTestsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    let submitted = 0;
    try {
      for (const id of await this.tests.overdue()) {
        if ((await this.tests.submitAtDeadline(id)) === 'submitted') submitted += 1;
      }
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'deadline sweep failed');
    }
    return submitted;
  }
}
