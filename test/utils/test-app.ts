import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp, createHttpAdapter, NEST_APP_OPTIONS } from '../../apps/api/src/app.setup';
import { loadConfig } from '@qualcert/shared';
import { recordAnswers } from './answer-recorder';

export interface TestContext {
  app: INestApplication;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The real HTTP app, configured exactly as main.ts does, against the test services. */
export async function createTestApp(): Promise<TestContext> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createHttpAdapter(loadConfig()),
    NEST_APP_OPTIONS,
  );
  await configureApp(app);
  recordAnswers(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get<DataSource>(getDataSourceToken());
  return { app, dataSource, close: () => app.close() };
}

/** Empties the catalogue, children first. */
export async function resetCatalogue(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    'TRUNCATE skill_ability, skill_knowledge, skill, labour_function, profession_card, standard_version, standard CASCADE',
  );
}
