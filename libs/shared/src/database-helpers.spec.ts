import { QueryFailedError, type EntityManager } from 'typeorm';
import { preparedQueryIn } from './database-helpers';

function managerOf(runner: unknown): EntityManager {
  return { queryRunner: runner } as unknown as EntityManager;
}

describe(preparedQueryIn.name, () => {
  it("runs the named statement on the transaction's own connection and gives back its rows", async () => {
    const query = jest.fn().mockResolvedValue({ rows: [{ id: 'a' }] });
    const manager = managerOf({ isTransactionActive: true, databaseConnection: { query } });
    await expect(preparedQueryIn(manager, 'name', 'SELECT $1', [1])).resolves.toEqual([{ id: 'a' }]);
    expect(query).toHaveBeenCalledWith({ name: 'name', text: 'SELECT $1', values: [1] });
  });

  it('refuses to run outside a transaction, where the connection would be any of the pool', async () => {
    const query = jest.fn();
    await expect(preparedQueryIn(managerOf(undefined), 'name', 'SELECT 1', [])).rejects.toThrow(
      /only inside a transaction/,
    );
    await expect(
      preparedQueryIn(managerOf({ isTransactionActive: false, databaseConnection: { query } }), 'name', 'SELECT 1', []),
    ).rejects.toThrow(/only inside a transaction/);
    expect(query).not.toHaveBeenCalled();
  });

  it("turns the driver's error into a QueryFailedError, as manager.query does", async () => {
    const error = Object.assign(new Error('duplicate key'), { code: '23505' });
    const manager = managerOf({
      isTransactionActive: true,
      databaseConnection: { query: jest.fn().mockRejectedValue(error) },
    });
    const failure = await preparedQueryIn(manager, 'name', 'INSERT', []).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { code: string }).code).toBe('23505');
  });
});
