import { randomBytes, randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { makeIin } from '@qualcert/candidates';
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

// ИИН handed out by this test file: two fixtures made at once must not pick the same one.
const handedOut = new Set<string>();

/**
 * An ИИН that no profile declares yet. The database lets two accounts declare one ИИН (the centre
 * resolves it), and a shared ИИН holds an application for the centre's identity check, so a
 * fixture must not share one by chance with a profile of an earlier test or run.
 */
export async function freeIin(ctx: TestContext, birthDate: string, sex: 'male' | 'female'): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const iin = makeIin(birthDate, sex, Math.floor(Math.random() * 9000));
    if (handedOut.has(iin)) continue;
    handedOut.add(iin);
    const taken = await ctx.dataSource.query('SELECT 1 FROM candidate_profile WHERE iin = $1', [iin]);
    if (taken.length === 0) return iin;
  }
  throw new Error(`no free ИИН left for ${birthDate}`);
}

/** A candidate with a valid profile, signed in. */
export async function newCandidate(
  ctx: TestContext,
  birthDate = '1995-03-14',
  sex: 'male' | 'female' = 'female',
): Promise<TestSession & { iin: string }> {
  const session = await newSession(ctx, 'candidate');
  const iin = await freeIin(ctx, birthDate, sex);
  const res = await request(ctx.app.getHttpServer())
    .put('/api/v1/candidates/me/profile')
    .set(...bearer(session))
    .send({ iin, birthDate, sex });
  if (res.status !== 200) throw new Error(`profile not created: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...session, iin };
}

/** A centre accredited today for the given cards. */
export async function newAccreditedCentre(ctx: TestContext, admin: TestSession, cardIds: string[]) {
  const centre = await newCentre(ctx, admin);
  const res = await request(ctx.app.getHttpServer())
    .post(`/api/v1/centres/${centre.id}/accreditations`)
    .set(...bearer(admin))
    .send({ cardIds, validFrom: '2020-01-01', validTo: '2099-12-31', documentRef: '№ тест' });
  if (res.status !== 201) throw new Error(`accreditation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return centre;
}

/** Waits until check() holds, polling; for results that a worker produces. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
