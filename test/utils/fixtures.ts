import { randomBytes, randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { Role, UsersService } from '@qualcert/identity';
import { SYSTEM_ACTOR } from '@qualcert/shared';
import type { TestContext } from './test-app';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

export interface TestSession extends TestUser {
  accessToken: string;
  refreshToken: string;
}

export const uniqueEmail = (label = 'user'): string => `${label}.${randomUUID().slice(0, 8)}@test.qualcert.kz`;
export const strongPassword = (): string => `Ж${randomBytes(9).toString('base64url')}-7q`;
export const uniqueCentreCode = (): string => `T${randomBytes(4).toString('hex').toUpperCase()}`;

export const bearer = (session: { accessToken: string }): [string, string] => [
  'Authorization',
  `Bearer ${session.accessToken}`,
];

/** A user written through the service (not the API), for setting up a test. */
export async function newUser(ctx: TestContext, role: Role, centreIds: string[] = []): Promise<TestUser> {
  const email = uniqueEmail(role);
  const password = strongPassword();
  const users = ctx.app.get(UsersService);
  const user = await ctx.app
    .get<DataSource>(getDataSourceToken())
    .transaction((manager) =>
      users.createUser(manager, SYSTEM_ACTOR, { email, fullName: `Test ${role}`, role, password, centreIds }),
    );
  return { id: user.id, email, password, role };
}

export async function login(server: App, user: TestUser): Promise<TestSession> {
  const res = await request(server).post('/api/v1/auth/login').send({ email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...user, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}

export async function newSession(ctx: TestContext, role: Role, centreIds: string[] = []): Promise<TestSession> {
  return login(ctx.app.getHttpServer(), await newUser(ctx, role, centreIds));
}

export async function newCentre(ctx: TestContext, admin: TestSession, overrides: Record<string, unknown> = {}) {
  const res = await request(ctx.app.getHttpServer())
    .post('/api/v1/centres')
    .set(...bearer(admin))
    .send({
      code: uniqueCentreCode(),
      name: 'Тестовый центр',
      region: 'г. Астана',
      address: 'пр. Мангилик Ел, 55',
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`centre not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; status: string };
}
