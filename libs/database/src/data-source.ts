import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@qualcert/shared';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run migration:*`): the same options as the running processes. */
export default new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
