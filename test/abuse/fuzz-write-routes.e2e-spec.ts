import fc from 'fast-check';
import request from 'supertest';
import type { App } from 'supertest/types';
import { assessedApplication, ExamDay, prepareExamDay } from '../utils/exam-day';
import { bearer, TestSession } from '../utils/fixtures';
import { createTestApp, TestContext } from '../utils/test-app';

jest.setTimeout(600000);

const RUNS_PER_ROUTE = 12;
const ROLES = ['admin', 'centre_manager', 'assessor', 'candidate'] as const;
type Role = (typeof ROLES)[number];

interface WriteRoute {
  method: 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, `{id}` style. */
  path: string;
  role: Role;
  fields: string[];
}

/**
 * Property-based abuse of every write route the OpenAPI document lists: random and malformed
 * bodies, query strings, path parameters and headers, as a caller of a role the route admits.
 * The API must never answer 5xx, every error must have the one error shape, and a refused
 * request must leave every table's row count as it was (nothing half-written).
 */
describe('abuse: random and malformed input to every write route', () => {
  let ctx: TestContext;
  let server: App;
  let day: ExamDay;
  let sessions: Record<Role, TestSession>;
  let routes: WriteRoute[];
  let ids: string[];
  let rowCountSql: string;

  const rowCount = async (): Promise<number> => Number((await ctx.dataSource.query<{ n: string }[]>(rowCountSql))[0].n);

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    day = await prepareExamDay(ctx);
    const { applicationId, candidate } = await assessedApplication(ctx, day);
    sessions = { admin: day.admin, centre_manager: day.manager, assessor: day.assessors[0], candidate };
    ids = [day.centreId, day.cardId, day.programId, applicationId, day.skills[0].id, day.assessors[0].id, candidate.id];
    ids.push(...day.questions.slice(0, 2).map((q) => q.id));

    const doc = (await request(server).get('/api/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { summary?: string; requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>
      >;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    routes = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        // The composite decorator writes the admitted roles at the end of the summary.
        const named = /\(([a-z_, ]+)\)$/.exec(operation.summary ?? '')?.[1].split(', ') ?? [];
        const role = (named.find((r) => (ROLES as readonly string[]).includes(r)) ?? 'candidate') as Role;
        const ref = Object.values(operation.requestBody?.content ?? {})[0]?.schema?.$ref;
        const schema = ref ? doc.components.schemas[ref.split('/').pop() as string] : undefined;
        routes.push({
          method: method as WriteRoute['method'],
          path,
          role,
          fields: Object.keys(schema?.properties ?? {}),
        });
      }
    }
    const tables = await ctx.dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
    );
    rowCountSql = `SELECT ${tables.map((t) => `(SELECT COUNT(*) FROM "${t.table_name}")`).join(' + ')} AS n`;
  });
  afterAll(() => ctx.close());

  it('lists the write routes (a route lost from the document would escape the test)', () => {
    expect(routes.length).toBeGreaterThan(55);
  });

  it('never answers 5xx or half-writes anything, whatever it is sent', async () => {
    const jsonish = fc.jsonValue({ maxDepth: 3 });
    const failures: string[] = [];
    for (const route of routes) {
      const param = fc.oneof(fc.constantFrom(...ids), fc.uuid(), fc.string({ maxLength: 40 }));
      const body = fc.oneof(
        // Objects with the route's own field names, holding anything: deepest into validation.
        route.fields.length > 0
          ? fc.dictionary(fc.constantFrom(...route.fields), jsonish, { maxKeys: route.fields.length })
          : fc.object({ maxDepth: 2 }),
        jsonish,
        fc.string({ maxLength: 200 }).map((raw) => ({ raw })),
      );
      const contentType = fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        '*/*; q=garbage',
      );
      const query = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 30 }), {
        maxKeys: 3,
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(param, { minLength: 3, maxLength: 3 }),
          body,
          contentType,
          query,
          async (params, payload, type, qs) => {
            let n = 0;
            const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[n++ % params.length]));
            const before = await rowCount();
            let req = request(server)
              [route.method](path)
              .query(qs)
              .set(...bearer(sessions[route.role]))
              .set('Content-Type', type)
              .set('X-Forwarded-For', '203.0.113.7, <script>');
            const raw =
              typeof payload === 'object' && payload !== null && 'raw' in payload ? String(payload.raw) : null;
            req = req.send(raw ?? JSON.stringify(payload));
            const res = await req;
            const where = `${route.method.toUpperCase()} ${path} ${type} ${JSON.stringify(payload).slice(0, 200)}`;
            if (res.status >= 500) failures.push(`${res.status} ${where}`);
            if (res.status >= 400) {
              const error = res.body as { statusCode?: number; code?: string; message?: string };
              if (
                error.statusCode !== res.status ||
                typeof error.code !== 'string' ||
                typeof error.message !== 'string'
              )
                failures.push(`no error shape ${res.status} ${where}: ${res.text.slice(0, 200)}`);
              if ((await rowCount()) !== before) failures.push(`half-written ${res.status} ${where}`);
            }
            return true;
          },
        ),
        { numRuns: RUNS_PER_ROUTE, seed: 20261125 },
      );
    }
    expect(failures).toEqual([]);
  });
});
