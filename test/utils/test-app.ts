import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/app.setup';
import { recordAnswers } from './answer-recorder';

export interface TestContext {
  app: INestApplication;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The real HTTP app, configured exactly as main.ts does, against the test services. */
export async function createTestApp(): Promise<TestContext> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app);
  await app.init();
  recordAnswers(app);
  const dataSource = app.get<DataSource>(getDataSourceToken());
  return { app, dataSource, close: () => app.close() };
}

/** Empties the catalogue, children first. */
export async function resetCatalogue(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    'TRUNCATE skill_ability, skill_knowledge, skill, labour_function, profession_card, standard_version, standard CASCADE',
  );
}
