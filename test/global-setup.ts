import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { register } from 'tsconfig-paths';
import { DataSource } from 'typeorm';
import tsconfig from '../tsconfig.json';
import { TEST_DATABASE_URL } from './test-env';

// Jest's moduleNameMapper does not apply to global setup; resolve the @qualcert/* aliases here.
register({ baseUrl: join(__dirname, '..'), paths: tsconfig.compilerOptions.paths });

/** Creates the test database when it is missing and brings its schema up to date. */
export default async function globalSetup(): Promise<void> {
  const url = new URL(TEST_DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  // Loaded only now, after the aliases are registered.
  const { dataSourceOptions } = await import('../libs/database/src/data-source-options');
  const dataSource = new DataSource(dataSourceOptions(TEST_DATABASE_URL));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
