import type { EntityManager } from 'typeorm';
import type { EarlierCreditRow } from './earlier-credits';
import { ProgressRepository } from './progress.repository';
import type { CreditHistory } from './upper-context-ports';

const CREDIT: EarlierCreditRow = {
  credited_skill_ids: ['s1'],
  signed_at: '2030-01-10T09:00:00+00:00',
  months: 12,
  carried: [],
};

/** The repository over a manager that answers the application read with `others` as the candidate's other applications. */
function repositoryWith(others: string[] | null) {
  const row = others && {
    id: 'app',
    candidate_id: 'candidate',
    centre_id: 'centre',
    card_id: 'card',
    status: 'eligible',
    pathway: 'assessment',
    additional_function_ids: [],
    others,
  };
  const manager = { query: jest.fn().mockResolvedValue(row ? [row] : []) } as unknown as EntityManager;
  const credits = { creditsOf: jest.fn().mockResolvedValue([CREDIT]) } satisfies CreditHistory;
  return { repository: new ProgressRepository(credits), manager, credits };
}

describe('ProgressRepository.application', () => {
  it('asks the decisions context for the credits of the candidate’s other applications for the card', async () => {
    const { repository, manager, credits } = repositoryWith(['earlier1', 'earlier2']);
    const app = await repository.application(manager, 'app');
    expect(credits.creditsOf).toHaveBeenCalledWith(manager, ['earlier1', 'earlier2']);
    expect(app).toEqual({
      id: 'app',
      candidate_id: 'candidate',
      centre_id: 'centre',
      card_id: 'card',
      status: 'eligible',
      pathway: 'assessment',
      additional_function_ids: [],
      earlier: [CREDIT],
    });
  });

  it('asks nothing when the application is the candidate’s first for the card', async () => {
    const { repository, manager, credits } = repositoryWith([]);
    expect((await repository.application(manager, 'app'))?.earlier).toEqual([]);
    expect(credits.creditsOf).not.toHaveBeenCalled();
  });

  it('answers no application with no row, asking nothing', async () => {
    const { repository, manager, credits } = repositoryWith(null);
    expect(await repository.application(manager, 'missing')).toBeUndefined();
    expect(credits.creditsOf).not.toHaveBeenCalled();
  });
});
