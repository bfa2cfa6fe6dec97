import type { EntityManager } from 'typeorm';
import { ApplicationEntity } from '../entities/application.entity';
import { APPLICATION_EVENTS, APPLICATION_STATUSES, nextStatus } from './application-state';
import { transitionApplication } from './application-transition';

/** A manager whose UPDATE finds the row in the status asked for, or not. */
function fakeManager(affected: number) {
  const update = jest.fn().mockResolvedValue({ affected, raw: [], generatedMaps: [] });
  return { manager: { update } as unknown as Pick<EntityManager, 'update'>, update };
}

const PAIRS = APPLICATION_STATUSES.flatMap((from) => APPLICATION_EVENTS.map((event) => [from, event] as const));

describe('moving an application by an event', () => {
  it('covers every status and event', () => {
    expect(PAIRS).toHaveLength(APPLICATION_STATUSES.length * APPLICATION_EVENTS.length);
  });

  it.each(PAIRS.filter(([from, event]) => nextStatus(from, event) !== null))(
    '%s --%s--> writes the next status, only where the row is still in the first',
    async (from, event) => {
      const { manager, update } = fakeManager(1);
      const to = nextStatus(from, event);
      await expect(transitionApplication(manager, 'app-1', from, event)).resolves.toBe(to);
      expect(update).toHaveBeenCalledTimes(1);
      expect(update).toHaveBeenCalledWith(ApplicationEntity, { id: 'app-1', status: from }, { status: to });
    },
  );

  it.each(PAIRS.filter(([from, event]) => nextStatus(from, event) === null))(
    '%s --%s--> is refused with 409 INVALID_TRANSITION and writes nothing',
    async (from, event) => {
      const { manager, update } = fakeManager(1);
      await expect(transitionApplication(manager, 'app-1', from, event)).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
        details: expect.objectContaining({ currentStatus: from, event }),
      });
      expect(update).not.toHaveBeenCalled();
    },
  );

  it('is refused when the row is no longer in the status the caller read', async () => {
    const { manager } = fakeManager(0);
    await expect(transitionApplication(manager, 'app-1', 'eligible', 'complete_assessment')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { expectedStatus: 'eligible', event: 'complete_assessment' },
    });
  });

  it('writes the columns given with the status in the same statement', async () => {
    const { manager, update } = fakeManager(1);
    const checkedAt = new Date('2026-01-02T03:04:05Z');
    await transitionApplication(manager, 'app-1', 'submitted', 'mark_ineligible', { eligibilityCheckedAt: checkedAt });
    expect(update).toHaveBeenCalledWith(
      ApplicationEntity,
      { id: 'app-1', status: 'submitted' },
      { eligibilityCheckedAt: checkedAt, status: 'ineligible' },
    );
  });
});
