/** How a worker's jobs of one kind are run in groups (JobGroups). */
export interface JobGroupsOptions<R> {
  /** Most jobs in one group. */
  maxSize: number;
  /** Most groups running at once; the jobs that arrive meanwhile wait and form the next group. */
  inFlight: number;
  /**
   * Runs a group, all or nothing; answers per key. A key left out of the answer, or every key of a
   * group that rejects, is run alone.
   */
  runGroup: (keys: string[]) => Promise<Map<string, R>>;
  /** Runs one key by itself: its error is its own job's. */
  runAlone: (key: string) => Promise<R>;
  /** Told when a group rejects, before its keys run alone. */
  onGroupError?: (error: unknown, keys: string[]) => void;
}

interface Waiting<R> {
  key: string;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Turns the jobs a worker runs at once into groups handled by one call each, while every job keeps
 * its own id, answer, failure and retries in the queue. A job that finds no group running starts
 * one at once, so a lone job waits for nothing; under load, the jobs that arrive while the groups
 * run make the next ones. One key appears once per group: a second job for it waits for the next
 * group and so sees what the first one did.
 */
export class JobGroups<R> {
  private readonly waiting: Waiting<R>[] = [];
  private running = 0;

  constructor(private readonly options: JobGroupsOptions<R>) {}

  run(key: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.startGroups();
    });
  }

  private startGroups(): void {
    while (this.running < this.options.inFlight && this.waiting.length > 0) {
      const group = this.takeGroup();
      this.running += 1;
      void this.runGroup(group).finally(() => {
        this.running -= 1;
        this.startGroups();
      });
    }
  }

  /** The oldest waiting jobs, one per key, up to the group's size. */
  private takeGroup(): Waiting<R>[] {
    const group: Waiting<R>[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < this.waiting.length && group.length < this.options.maxSize;) {
      const entry = this.waiting[i];
      if (keys.has(entry.key)) {
        i += 1;
        continue;
      }
      keys.add(entry.key);
      group.push(entry);
      this.waiting.splice(i, 1);
    }
    return group;
  }

  private async runGroup(group: Waiting<R>[]): Promise<void> {
    let answers: Map<string, R>;
    try {
      answers = await this.options.runGroup(group.map((entry) => entry.key));
    } catch (error) {
      this.options.onGroupError?.(
        error,
        group.map((entry) => entry.key),
      );
      answers = new Map();
    }
    // Alone, one after another: a group fails seldom, and its jobs' own errors must surface.
    for (const entry of group) {
      if (answers.has(entry.key)) {
        entry.resolve(answers.get(entry.key) as R);
        continue;
      }
      try {
        entry.resolve(await this.options.runAlone(entry.key));
      } catch (error) {
        entry.reject(error);
      }
    }
  }
}
