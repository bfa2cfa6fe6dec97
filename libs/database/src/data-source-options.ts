import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';

/**
 * The one definition of the database connection, used by the HTTP app, the worker, the CLI and
 * the TypeORM migration commands. The schema only ever changes through migrations.
 */
export function dataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Not 'error': TypeORM would log a failed query with its parameters, which may hold personal
    // data. Failures surface as exceptions and are logged, without parameters, where handled.
    logging: ['warn', 'migration'],
    extra: {
      // AppConfig.DATABASE_POOL_SIZE in the processes; the default for tests and tools.
      max: poolSize,
      application_name: 'qualcert',
      // While PostgreSQL is unreachable a request waits at most this long for a connection, then
      // is answered 503 DATABASE_UNAVAILABLE, instead of queueing without end.
      connectionTimeoutMillis: 5000,
    },
  };
}
