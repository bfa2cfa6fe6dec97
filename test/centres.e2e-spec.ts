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
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';

describe('assessment centres', () => {
  let ctx: TestContext;
  let server: App;
  let admin: TestSession;
  let cardIds: string[];

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    const summary = await importSeed(ctx.app);
    const cards = await request(server).get(`/api/v1/standards/${summary.standardId}/cards`).expect(200);
    cardIds = cards.body.items.map((c: { id: string }) => c.id);
    admin = await newSession(ctx, 'admin');
  });
  afterAll(() => ctx.close());

  it('registers a centre with a unique code', async () => {
    const code = uniqueCentreCode();
    const res = await request(server)
      .post('/api/v1/centres')
      .set(...bearer(admin))
      .send({
        code,
        name: 'Центр «Алатау»',
        region: 'г. Алматы',
        address: 'ул. Абая, 10',
        phone: '+7 727 000 00 00',
        email: 'info@alatau.kz',
      })
      .expect(201);
    expect(res.body).toMatchObject({ code, status: 'active', phone: '+7 727 000 00 00' });
    const again = await request(server)
      .post('/api/v1/centres')
      .set(...bearer(admin))
      .send({ code, name: 'Другой', region: 'Алматы', address: 'ул. Толе би, 1' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'CENTRE_CODE_TAKEN', details: { fields: [{ field: 'code' }] } });
  });

  it('refuses a malformed centre with the fields at fault', async () => {
    const res = await request(server)
      .post('/api/v1/centres')
      .set(...bearer(admin))
      .send({ code: 'ab', name: '', email: 'nope' })
      .expect(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'address',
      'code',
      'email',
      'name',
      'region',
    ]);
  });

  it('accredits a centre for cards over a period and says whether each is in force', async () => {
    const centre = await newCentre(ctx, admin);
    const res = await request(server)
      .post(`/api/v1/centres/${centre.id}/accreditations`)
      .set(...bearer(admin))
      .send({ cardIds: cardIds.slice(0, 2), validFrom: '2025-01-01', validTo: '2099-12-31', documentRef: '№ 7-А' })
      .expect(201);
    expect(res.body).toHaveLength(2);
    expect(res.body.every((a: { inForce: boolean }) => a.inForce)).toBe(true);
    await request(server)
      .post(`/api/v1/centres/${centre.id}/accreditations`)
      .set(...bearer(admin))
      .send({ cardIds: [cardIds[2]], validFrom: '2020-01-01', validTo: '2020-12-31', documentRef: '№ 1' })
      .expect(201);
    const list = await request(server)
      .get(`/api/v1/centres/${centre.id}/accreditations`)
      .set(...bearer(admin))
      .expect(200);
    expect(list.body.map((a: { inForce: boolean }) => a.inForce).sort()).toEqual([false, true, true]);
  });

  it('refuses overlapping periods for the same card, but not after a revocation', async () => {
    const centre = await newCentre(ctx, admin);
    const grant = (validFrom: string, validTo: string) =>
      request(server)
        .post(`/api/v1/centres/${centre.id}/accreditations`)
        .set(...bearer(admin))
        .send({ cardIds: [cardIds[0]], validFrom, validTo, documentRef: '№ 2' });
    const first = await grant('2026-01-01', '2026-12-31').expect(201);
    const overlap = await grant('2026-06-01', '2027-06-01').expect(409);
    expect(overlap.body.code).toBe('ACCREDITATION_OVERLAPS');
    await grant('2027-01-01', '2027-12-31').expect(201);
    await request(server)
      .post(`/api/v1/centres/${centre.id}/accreditations/${first.body[0].id}/revoke`)
      .set(...bearer(admin))
      .expect(200);
    await grant('2026-06-01', '2026-12-31').expect(201);
  });

  it('refuses bad accreditation input', async () => {
    const centre = await newCentre(ctx, admin);
    const url = `/api/v1/centres/${centre.id}/accreditations`;
    const backwards = await request(server)
      .post(url)
      .set(...bearer(admin))
      .send({ cardIds: [cardIds[0]], validFrom: '2026-02-01', validTo: '2026-01-01', documentRef: 'x1' })
      .expect(400);
    expect(backwards.body.details.fields[0].field).toBe('validTo');
    const badDate = await request(server)
      .post(url)
      .set(...bearer(admin))
      .send({ cardIds: [cardIds[0]], validFrom: '2026-02-30', validTo: 'soon', documentRef: 'x1' })
      .expect(400);
    expect(badDate.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['validFrom', 'validTo']);
    const unknownCard = await request(server)
      .post(url)
      .set(...bearer(admin))
      .send({
        cardIds: ['00000000-0000-4000-8000-000000000000'],
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        documentRef: 'x1',
      })
      .expect(404);
    expect(unknownCard.body.details.fields[0].field).toBe('cardIds');
    const [{ n }] = await ctx.dataSource.query('SELECT COUNT(*)::int AS n FROM accreditation WHERE centre_id = $1', [
      centre.id,
    ]);
    expect(n).toBe(0);
  });

  it('lets a suspended centre run nothing new: no new accreditation, none in force', async () => {
    const centre = await newCentre(ctx, admin);
    await request(server)
      .post(`/api/v1/centres/${centre.id}/accreditations`)
      .set(...bearer(admin))
      .send({ cardIds: [cardIds[0]], validFrom: '2025-01-01', validTo: '2099-12-31', documentRef: '№ 3' })
      .expect(201);
    const suspended = await request(server)
      .patch(`/api/v1/centres/${centre.id}`)
      .set(...bearer(admin))
      .send({ status: 'suspended' })
      .expect(200);
    expect(suspended.body.status).toBe('suspended');
    const list = await request(server)
      .get(`/api/v1/centres/${centre.id}/accreditations`)
      .set(...bearer(admin))
      .expect(200);
    expect(list.body[0].inForce).toBe(false);
    const refused = await request(server)
      .post(`/api/v1/centres/${centre.id}/accreditations`)
      .set(...bearer(admin))
      .send({ cardIds: [cardIds[1]], validFrom: '2025-01-01', validTo: '2099-12-31', documentRef: '№ 4' })
      .expect(409);
    expect(refused.body.code).toBe('CENTRE_SUSPENDED');
  });

  it('lets a manager add assessors to their own centre only, and see only their centre', async () => {
    const centre = await newCentre(ctx, admin);
    const other = await newCentre(ctx, admin);
    const manager = await newSession(ctx, 'centre_manager', [centre.id]);
    const staff = {
      email: uniqueEmail('assessor'),
      fullName: 'Айдос Каримов',
      role: 'assessor',
      password: strongPassword(),
    };
    const created = await request(server)
      .post(`/api/v1/centres/${centre.id}/staff`)
      .set(...bearer(manager))
      .send(staff)
      .expect(201);
    expect(created.body).toMatchObject({ role: 'assessor', centreIds: [centre.id] });
    const asManager = await request(server)
      .post(`/api/v1/centres/${centre.id}/staff`)
      .set(...bearer(manager))
      .send({ ...staff, email: uniqueEmail(), role: 'centre_manager' })
      .expect(422);
    expect(asManager.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', details: { fields: [{ field: 'role' }] } });
    await request(server)
      .post(`/api/v1/centres/${other.id}/staff`)
      .set(...bearer(manager))
      .send({ ...staff, email: uniqueEmail() })
      .expect(404);

    const list = await request(server)
      .get(`/api/v1/centres/${centre.id}/staff`)
      .set(...bearer(manager))
      .expect(200);
    expect(list.body.map((u: { id: string }) => u.id).sort()).toEqual([created.body.id, manager.id].sort());
    const mine = await request(server)
      .get('/api/v1/centres')
      .set(...bearer(manager))
      .expect(200);
    expect(mine.body.map((c: { id: string }) => c.id)).toEqual([centre.id]);
    await request(server)
      .get(`/api/v1/centres/${other.id}`)
      .set(...bearer(manager))
      .expect(404);
    // The manager sees the staff of their centre, and nobody else's account.
    await request(server)
      .get(`/api/v1/users/${created.body.id}`)
      .set(...bearer(manager))
      .expect(200);
    await request(server)
      .get(`/api/v1/users/${admin.id}`)
      .set(...bearer(manager))
      .expect(404);
  });
});
