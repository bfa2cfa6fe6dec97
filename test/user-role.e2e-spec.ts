import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { UsersService } from '@qualcert/identity';
import { bearer, login, newCentre, newSession, newUser, TestSession } from './utils/fixtures';
import { createTestApp, TestContext } from './utils/test-app';

/** PATCH /api/v1/users/{id}/role: an administrator changes a staff account's role and centres. */
describe('changing a user’s role', () => {
  let ctx: TestContext;
  let server: App;
  let admin: TestSession;
  let centreA: string;
  let centreB: string;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    admin = await newSession(ctx, 'admin');
    centreA = (await newCentre(ctx, admin)).id;
    centreB = (await newCentre(ctx, admin)).id;
  });
  afterAll(() => ctx.close());

  const changeRole = (by: TestSession, id: string, body: object, language = 'ru') =>
    request(server)
      .patch(`/api/v1/users/${id}/role`)
      .set(...bearer(by))
      .set('Accept-Language', language)
      .send(body);

  const auditOf = async (id: string) =>
    (
      await request(server)
        .get('/api/v1/audit')
        .query({ entityType: 'user', entityId: id })
        .set(...bearer(admin))
        .expect(200)
    ).body.items as { action: string; actorId: string; before: unknown; after: unknown }[];

  it('makes an assessor the manager of other centres, audited, and ends the account’s sessions', async () => {
    const user = await newUser(ctx, 'assessor', [centreA]);
    const session = await login(server, user);
    const res = await changeRole(admin, user.id, { role: 'centre_manager', centreIds: [centreB] }).expect(200);
    expect(res.body).toMatchObject({ id: user.id, role: 'centre_manager', centreIds: [centreB] });

    const audit = await auditOf(user.id);
    expect(audit[0]).toMatchObject({
      action: 'user.role_changed',
      actorId: admin.id,
      before: { role: 'assessor', centreIds: [centreA] },
      after: { role: 'centre_manager', centreIds: [centreB] },
    });

    // The old session ends at once, its access and its refresh token alike; a new one has the new role.
    await request(server)
      .get('/api/v1/auth/me')
      .set(...bearer(session))
      .expect(401);
    await request(server).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    const again = await login(server, user);
    const me = await request(server)
      .get('/api/v1/auth/me')
      .set(...bearer(again))
      .expect(200);
    expect(me.body).toMatchObject({ role: 'centre_manager', centreIds: [centreB] });
  });

  it('makes a manager an administrator of no centre, and an administrator an assessor', async () => {
    const user = await newUser(ctx, 'centre_manager', [centreA]);
    const promoted = await changeRole(admin, user.id, { role: 'admin' }).expect(200);
    expect(promoted.body).toMatchObject({ role: 'admin', centreIds: [] });
    const demoted = await changeRole(admin, user.id, { role: 'assessor', centreIds: [centreA, centreA] }).expect(200);
    expect(demoted.body).toMatchObject({ role: 'assessor', centreIds: [centreA] });
  });

  it('refuses, with nothing written, what the rule refuses, each on its field in the caller’s language', async () => {
    const user = await newUser(ctx, 'assessor', [centreA]);
    const candidate = await newUser(ctx, 'candidate');
    const cases: [string, object, number, string, string][] = [
      [user.id, { role: 'centre_manager' }, 400, 'VALIDATION_FAILED', 'centreIds'],
      [user.id, { role: 'centre_manager', centreIds: [] }, 400, 'VALIDATION_FAILED', 'centreIds'],
      [user.id, { role: 'admin', centreIds: [centreA] }, 422, 'ROLE_NOT_ALLOWED', 'centreIds'],
      [user.id, { role: 'candidate' }, 400, 'VALIDATION_FAILED', 'role'],
      [user.id, { role: 'assessor', centreIds: [randomUUID()] }, 404, 'NOT_FOUND', 'centreIds'],
      [user.id, { role: 'assessor', centreIds: [centreB, randomUUID()] }, 404, 'NOT_FOUND', 'centreIds'],
      [candidate.id, { role: 'assessor', centreIds: [centreA] }, 422, 'ROLE_NOT_ALLOWED', 'role'],
    ];
    for (const [id, body, status, code, field] of cases) {
      const res = await changeRole(admin, id, body, 'kk');
      expect({ body, status: res.status, code: res.body.code, field: res.body.details?.fields?.[0]?.field }).toEqual({
        body,
        status,
        code,
        field,
      });
    }
    await changeRole(admin, randomUUID(), { role: 'admin' }).expect(404);
    const unchanged = await request(server)
      .get(`/api/v1/users/${user.id}`)
      .set(...bearer(admin))
      .expect(200);
    expect(unchanged.body).toMatchObject({ role: 'assessor', centreIds: [centreA] });
    expect(await auditOf(user.id)).toEqual([expect.objectContaining({ action: 'user.created' })]);
  });

  it('is for administrators only', async () => {
    const user = await newUser(ctx, 'assessor', [centreA]);
    const manager = await newSession(ctx, 'centre_manager', [centreA]);
    await changeRole(manager, user.id, { role: 'centre_manager', centreIds: [centreA] }).expect(403);
    await changeRole(manager, manager.id, { role: 'admin' }).expect(403);
  });

  describe('the last active administrator', () => {
    let others: string[] = [];

    // Every other administrator of the shared database is disabled for these tests, then enabled again.
    beforeEach(async () => {
      others = (
        await ctx.dataSource.query<{ id: string }[]>(
          `UPDATE app_user SET status = 'disabled' WHERE role = 'admin' AND status = 'active' AND id <> $1 RETURNING id`,
          [admin.id],
        )
      ).map((r) => r.id);
    });
    afterEach(async () => {
      await ctx.dataSource.query(`UPDATE app_user SET status = 'active' WHERE id = ANY($1::uuid[])`, [others]);
    });

    it('keeps the role: a coded 409 in the caller’s language, and a disabled administrator does not count', async () => {
      const res = await changeRole(admin, admin.id, { role: 'centre_manager', centreIds: [centreA] }, 'kk').expect(409);
      expect(res.body).toMatchObject({ code: 'LAST_ADMIN', details: { fields: [{ field: 'role' }] } });
      expect(res.body.message).toBe('Бұл — соңғы белсенді әкімші: рөлі өзгермейді.');
      await request(server)
        .get('/api/v1/auth/me')
        .set(...bearer(admin))
        .expect(200);
    });

    // Through the service, so that neither call is refused for the session the other ends; five
    // rounds, since two calls need not overlap every time.
    it('lets exactly one of the last two administrators be demoted when both are asked at once', async () => {
      const users = ctx.app.get(UsersService);
      const actor = { userId: admin.id, role: 'admin' as const, centreIds: [] };
      for (let round = 0; round < 5; round += 1) {
        const second = await newUser(ctx, 'admin');
        const outcomes = await Promise.allSettled([
          users.changeRole(actor, second.id, 'assessor', [centreA]),
          users.changeRole(actor, admin.id, 'assessor', [centreA]),
        ]);
        expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
        const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toMatchObject({ code: 'LAST_ADMIN' });
        // The administrator again, and the second one disabled: the next round starts with two.
        await ctx.dataSource.query(`UPDATE app_user SET role = 'admin' WHERE id = $1`, [admin.id]);
        await ctx.dataSource.query(`DELETE FROM centre_staff WHERE user_id = $1`, [admin.id]);
        await ctx.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [second.id]);
      }
    });
  });
});
