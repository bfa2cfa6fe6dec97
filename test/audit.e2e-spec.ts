import request from 'supertest';
import type { App } from 'supertest/types';
import {
  bearer,
  newCentre,
  newSession,
  strongPassword,
  TestSession,
  uniqueCentreCode,
  uniqueEmail,
} from './utils/fixtures';
import { createTestApp, TestContext } from './utils/test-app';

describe('audit trail', () => {
  let ctx: TestContext;
  let server: App;
  let admin: TestSession;

  const recordsOf = async (entityId: string) =>
    ctx.dataSource.query('SELECT * FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at', [entityId]);

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    admin = await newSession(ctx, 'admin');
  });
  afterAll(() => ctx.close());

  it('writes exactly one record per change, with actor, before, after and request id', async () => {
    const centre = await newCentre(ctx, admin);
    const created = await recordsOf(centre.id);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      actor_id: admin.id,
      actor_role: 'admin',
      action: 'centre.created',
      entity_type: 'centre',
    });
    expect(created[0].after).toMatchObject({ code: centre.code, status: 'active' });

    const res = await request(server)
      .patch(`/api/v1/centres/${centre.id}`)
      .set(...bearer(admin))
      .set('X-Request-Id', 'audit-test-1')
      .send({ status: 'suspended' })
      .expect(200);
    expect(res.body.status).toBe('suspended');
    const records = await recordsOf(centre.id);
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ action: 'centre.suspended', request_id: 'audit-test-1' });
    expect(records[1].before.status).toBe('active');
    expect(records[1].after.status).toBe('suspended');
  });

  it('writes no record when the change fails', async () => {
    const code = uniqueCentreCode();
    await newCentre(ctx, admin, { code });
    const [{ n: before }] = await ctx.dataSource.query(
      "SELECT COUNT(*)::int AS n FROM audit_log WHERE action = 'centre.created'",
    );
    await request(server)
      .post('/api/v1/centres')
      .set(...bearer(admin))
      .send({ code, name: 'Дубль', region: 'Астана', address: 'ул. 1' })
      .expect(409);
    const [{ n: after }] = await ctx.dataSource.query(
      "SELECT COUNT(*)::int AS n FROM audit_log WHERE action = 'centre.created'",
    );
    expect(after).toBe(before);
  });

  it('never keeps a password or its hash', async () => {
    const res = await request(server)
      .post('/api/v1/users')
      .set(...bearer(admin))
      .send({ email: uniqueEmail(), fullName: 'Сауле Абенова', role: 'assessor', password: strongPassword() })
      .expect(201);
    const [record] = await recordsOf(res.body.id);
    expect(record.action).toBe('user.created');
    expect(JSON.stringify(record)).not.toMatch(/password|argon2/i);
  });

  it('cannot be rewritten: UPDATE, DELETE and TRUNCATE fail at the database', async () => {
    const centre = await newCentre(ctx, admin);
    const [record] = await recordsOf(centre.id);
    await expect(
      ctx.dataSource.query("UPDATE audit_log SET action = 'forged' WHERE id = $1", [record.id]),
    ).rejects.toThrow(/append-only/);
    await expect(ctx.dataSource.query('DELETE FROM audit_log WHERE id = $1', [record.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(ctx.dataSource.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await recordsOf(centre.id)).toHaveLength(1);
  });

  it('lets admins query by entity, actor and time range, paginated', async () => {
    // Times by the database's clock, which stamps the records, not the test's.
    const dbTime = async (offset: string) =>
      (await ctx.dataSource.query<{ t: Date }[]>(`SELECT now() + $1::interval AS t`, [offset]))[0].t.toISOString();
    const from = await dbTime('-1 millisecond');
    const otherAdmin = await newSession(ctx, 'admin');
    const centres = [
      await newCentre(ctx, otherAdmin),
      await newCentre(ctx, otherAdmin),
      await newCentre(ctx, otherAdmin),
    ];
    const byActor = await request(server)
      .get('/api/v1/audit')
      .query({ actorId: otherAdmin.id, entityType: 'centre', limit: 2 })
      .set(...bearer(admin))
      .expect(200);
    expect(byActor.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(byActor.body.items).toHaveLength(2);
    // Newest first.
    expect(byActor.body.items[0].entityId).toBe(centres[2].id);
    const page2 = await request(server)
      .get('/api/v1/audit')
      .query({ actorId: otherAdmin.id, entityType: 'centre', limit: 2, offset: 2 })
      .set(...bearer(admin))
      .expect(200);
    expect(page2.body.items.map((r: { entityId: string }) => r.entityId)).toEqual([centres[0].id]);

    const byEntity = await request(server)
      .get('/api/v1/audit')
      .query({ entityType: 'centre', entityId: centres[1].id })
      .set(...bearer(admin))
      .expect(200);
    expect(byEntity.body.items).toHaveLength(1);
    const inRange = await request(server)
      .get('/api/v1/audit')
      .query({ actorId: otherAdmin.id, from, to: await dbTime('1 minute') })
      .set(...bearer(admin))
      .expect(200);
    expect(inRange.body.items.map((r: { action: string; entityId: string }) => [r.action, r.entityId])).toEqual(
      // Newest first; the admin's sign-in came before the centres.
      [...[...centres].reverse().map((c) => ['centre.created', c.id]), ['session.created', expect.any(String)]],
    );
    expect(inRange.body.total).toBe(4);
    const before = await request(server)
      .get('/api/v1/audit')
      .query({ actorId: otherAdmin.id, to: from })
      .set(...bearer(admin))
      .expect(200);
    expect(before.body.items.filter((r: { action: string }) => r.action === 'centre.created')).toHaveLength(0);
  });

  it('refuses bad query parameters', async () => {
    const bad = await request(server)
      .get('/api/v1/audit')
      .query({ actorId: 'x', from: 'yesterday', limit: 1000 })
      .set(...bearer(admin))
      .expect(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['actorId', 'from', 'limit']);
    const backwards = await request(server)
      .get('/api/v1/audit')
      .query({ from: '2026-02-01', to: '2026-01-01' })
      .set(...bearer(admin))
      .expect(400);
    expect(backwards.body.details.fields[0].field).toBe('to');
  });
});
