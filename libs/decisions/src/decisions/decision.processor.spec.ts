import type { Job, Queue } from 'bullmq';
import { DecisionProcessor } from './decision.processor';
import type { ComputeOutcome, DecisionsService } from './decisions.service';

const event = (applicationId: string, outboxEventId: string) => ({ applicationId, outboxEventId });
const groupJob = (events: ReturnType<typeof event>[]) =>
  ({ name: 'compute-decisions', data: { events } }) as unknown as Job;

function processor(computeGroup: (ids: string[]) => Map<string, ComputeOutcome>) {
  const decisions = { computeGroup: jest.fn((ids: string[]) => Promise.resolve().then(() => computeGroup(ids))) };
  const queue = { addBulk: jest.fn().mockResolvedValue([]) };
  const host = new DecisionProcessor(decisions as unknown as DecisionsService, queue as unknown as Queue);
  return { host, decisions, queue };
}

describe('DecisionProcessor, a group of decisions', () => {
  const events = [event('a1', '11'), event('a2', '12'), event('a3', '13')];

  it('computes the group in one call and answers per application, queueing nothing', async () => {
    const { host, decisions, queue } = processor(
      () =>
        new Map<string, ComputeOutcome>([
          ['a1', 'computed'],
          ['a2', 'skipped'],
          ['a3', 'incomplete'],
        ]),
    );
    expect(await host.process(groupJob(events))).toEqual({ a1: 'computed', a2: 'skipped', a3: 'incomplete' });
    expect(decisions.computeGroup).toHaveBeenCalledTimes(1);
    expect(decisions.computeGroup).toHaveBeenCalledWith(['a1', 'a2', 'a3']);
    expect(queue.addBulk).not.toHaveBeenCalled();
  });

  it('sends an application the group left out to its own job, with the id a lone event has', async () => {
    const { host, queue } = processor(
      () =>
        new Map<string, ComputeOutcome>([
          ['a1', 'computed'],
          ['a3', 'computed'],
        ]),
    );
    expect(await host.process(groupJob(events))).toEqual({ a1: 'computed', a2: 'alone', a3: 'computed' });
    expect(queue.addBulk).toHaveBeenCalledWith([
      { name: 'compute-decision', data: events[1], opts: { jobId: 'decision-a2-12' } },
    ]);
  });

  it('sends every application to its own job when the group fails', async () => {
    const { host, queue } = processor(() => {
      throw new Error('connection lost');
    });
    expect(await host.process(groupJob(events))).toEqual({ a1: 'alone', a2: 'alone', a3: 'alone' });
    expect(queue.addBulk.mock.calls[0][0].map((job: { opts: { jobId: string } }) => job.opts.jobId)).toEqual([
      'decision-a1-11',
      'decision-a2-12',
      'decision-a3-13',
    ]);
  });

  it('computes an application named twice once, and gives each of its events its own job if it is left out', async () => {
    const twice = [event('a1', '11'), event('a2', '12'), event('a1', '14')];
    const { host, decisions, queue } = processor(() => new Map<string, ComputeOutcome>([['a2', 'computed']]));
    expect(await host.process(groupJob(twice))).toEqual({ a1: 'alone', a2: 'computed' });
    expect(decisions.computeGroup).toHaveBeenCalledWith(['a1', 'a2']);
    expect(queue.addBulk.mock.calls[0][0].map((job: { opts: { jobId: string } }) => job.opts.jobId)).toEqual([
      'decision-a1-11',
      'decision-a1-14',
    ]);
  });

  it('fails, to run again, when the jobs of its own cannot be queued', async () => {
    const { host, queue } = processor(() => new Map<string, ComputeOutcome>());
    queue.addBulk.mockRejectedValue(new Error('Redis is down'));
    await expect(host.process(groupJob(events))).rejects.toThrow('Redis is down');
  });
});
