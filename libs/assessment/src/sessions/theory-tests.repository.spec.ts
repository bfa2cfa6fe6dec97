import type { DataSource } from 'typeorm';
import { preparedQuery } from '@qualcert/shared';
import { TheoryTestsRepository } from './theory-tests.repository';

jest.mock('@qualcert/shared', () => ({
  ...jest.requireActual<object>('@qualcert/shared'),
  preparedQuery: jest.fn(),
}));
const prepared = preparedQuery as jest.MockedFunction<typeof preparedQuery>;

describe(TheoryTestsRepository.name, () => {
  const dataSource = {} as DataSource;
  const repository = new TheoryTestsRepository(dataSource);

  beforeEach(() => prepared.mockReset());

  // The hottest write of an exam day: one statement, parsed and planned once per connection.
  it('saves an answer with the one named prepared statement, run on the pool outside any transaction', async () => {
    prepared.mockResolvedValue([{ id: 'item' }]);
    await expect(repository.saveAnswer('test', 3, 'candidate', '["L1"]')).resolves.toBe(true);
    expect(prepared).toHaveBeenCalledTimes(1);
    expect(prepared).toHaveBeenCalledWith(
      dataSource,
      'theory_answer_save',
      expect.stringMatching(/^UPDATE theory_test_item i SET answer_option_ids = \$1::jsonb/),
      ['["L1"]', 'test', 3, 'candidate'],
    );
  });

  it('reports no save when the statement updates no item', async () => {
    prepared.mockResolvedValue([]);
    await expect(repository.saveAnswer('test', 3, 'candidate', '["L1"]')).resolves.toBe(false);
  });
});
