import { JobGroups, type JobGroupsOptions } from './job-groups';

/** A deferred answer: the test decides when a group finishes. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Groups whose runs the test holds until it answers them; every run and alone-run is recorded. */
function heldGroups(options: Partial<JobGroupsOptions<string>> = {}) {
  const runs: { keys: string[]; answer: ReturnType<typeof deferred<Map<string, string>>> }[] = [];
  const alone: string[] = [];
  const groups = new JobGroups<string>({
    maxSize: 3,
    inFlight: 1,
    runGroup: (keys) => {
      const answer = deferred<Map<string, string>>();
      runs.push({ keys, answer });
      return answer.promise;
    },
    runAlone: (key) => {
      alone.push(key);
      return key.startsWith('bad') ? Promise.reject(new Error(`${key} failed`)) : Promise.resolve(`${key}:alone`);
    },
    ...options,
  });
  return { groups, runs, alone };
}

/** Lets a finished group's promise chain run, as the event loop would before the next job arrives. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const all = (keys: string[], value = 'computed') => new Map(keys.map((k) => [k, value]));

describe('JobGroups', () => {
  it('starts a lone job at once, in a group of its own', async () => {
    const { groups, runs } = heldGroups();
    const answer = groups.run('a');
    expect(runs.map((r) => r.keys)).toEqual([['a']]);
    runs[0].answer.resolve(all(['a']));
    await expect(answer).resolves.toBe('computed');
  });

  it('gathers the jobs that arrive while a group runs into the next groups, up to the size', async () => {
    const { groups, runs } = heldGroups();
    const answers = ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => groups.run(key));
    expect(runs.map((r) => r.keys)).toEqual([['a']]);
    runs[0].answer.resolve(all(['a']));
    await settle();
    expect(runs.map((r) => r.keys)).toEqual([['a'], ['b', 'c', 'd']]);
    runs[1].answer.resolve(
      new Map([
        ['b', 'computed'],
        ['c', 'skipped'],
        ['d', 'incomplete'],
      ]),
    );
    await expect(Promise.all(answers.slice(1, 4))).resolves.toEqual(['computed', 'skipped', 'incomplete']);
    await settle();
    expect(runs.map((r) => r.keys)).toEqual([['a'], ['b', 'c', 'd'], ['e', 'f']]);
    runs[2].answer.resolve(all(['e', 'f']));
    await expect(Promise.all(answers.slice(4))).resolves.toEqual(['computed', 'computed']);
  });

  it('runs as many groups at once as it may, no more', async () => {
    const { groups, runs } = heldGroups({ inFlight: 2 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) void groups.run(key);
    expect(runs.map((r) => r.keys)).toEqual([['a'], ['b']]);
    runs[1].answer.resolve(all(['b']));
    await settle();
    expect(runs.map((r) => r.keys)).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
  });

  it('puts a key once in a group: its second job waits for the next group', async () => {
    const { groups, runs } = heldGroups();
    const first = groups.run('x');
    const [firstA, secondA] = [groups.run('a'), groups.run('a'), groups.run('b')];
    runs[0].answer.resolve(all(['x']));
    await first;
    await settle();
    expect(runs[1].keys).toEqual(['a', 'b']);
    runs[1].answer.resolve(all(['a', 'b']));
    await firstA;
    await settle();
    expect(runs[2].keys).toEqual(['a']);
    runs[2].answer.resolve(all(['a'], 'skipped'));
    await expect(secondA).resolves.toBe('skipped');
  });

  it('runs alone a key the group left out: only its own job fails', async () => {
    const { groups, runs, alone } = heldGroups();
    const answers = ['a', 'bad', 'c'].map((key) => groups.run(key).catch((error: Error) => error.message));
    runs[0].answer.resolve(all(['a']));
    await settle();
    runs[1].answer.resolve(all(['c']));
    await expect(Promise.all(answers)).resolves.toEqual(['computed', 'bad failed', 'computed']);
    expect(alone).toEqual(['bad']);
  });

  it('runs every key of a group that rejected alone, each with its own answer or error', async () => {
    const onGroupError = jest.fn();
    const { groups, runs, alone } = heldGroups({ onGroupError });
    const answers = ['a', 'b', 'bad-1'].map((key) => groups.run(key).catch((error: Error) => error.message));
    runs[0].answer.resolve(all(['a']));
    await settle();
    runs[1].answer.reject(new Error('deadlock detected'));
    await expect(Promise.all(answers)).resolves.toEqual(['computed', 'b:alone', 'bad-1 failed']);
    expect(alone).toEqual(['b', 'bad-1']);
    expect(onGroupError).toHaveBeenCalledWith(expect.objectContaining({ message: 'deadlock detected' }), [
      'b',
      'bad-1',
    ]);
  });
});
