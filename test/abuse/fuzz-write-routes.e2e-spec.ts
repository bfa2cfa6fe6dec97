import { randomInt, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import type { App } from 'supertest/types';
import { makeIin } from '@qualcert/candidates';
import { CertificateIssuer } from '@qualcert/certificates';
import { DecisionsService } from '@qualcert/decisions';
import { QUEUES } from '@qualcert/shared';
import {
  accreditedAssessor,
  assessedApplication,
  enrolledCandidate,
  ExamDay,
  prepareExamDay,
  uploadEvidence,
} from '../utils/exam-day';
import { pdfFile } from '../utils/files';
import {
  bearer,
  newCandidate,
  newAccreditedCentre,
  newUser,
  strongPassword,
  TestSession,
  uniqueCentreCode,
  uniqueEmail,
} from '../utils/fixtures';
import { fieldPart, filePart, MultipartPart, multipartBody } from '../utils/multipart';
import { OpenApiDocument, resolve, Schema, schemaMismatches } from '../utils/openapi';
import { addEducation, addEmployment, addLearning } from '../utils/records';
import { SEED_FILE, seedText } from '../utils/seed';
import { createTestApp, TestContext } from '../utils/test-app';

jest.setTimeout(240000);

/** Replay a failing run with FUZZ_SEED=<the seed it printed>; FUZZ_RUNS raises the runs per route and role. */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomInt(2 ** 31 - 1);
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);

const ROLES = ['admin', 'centre_manager', 'assessor', 'candidate'] as const;
type Role = (typeof ROLES)[number];

interface WriteRoute {
  method: 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, `{id}` style. */
  path: string;
  /** Who is admitted: the roles its summary names, every role for any signed-in user, none for a public route. */
  callers: (Role | 'public')[];
  body: Schema | null;
  multipart: boolean;
  success: { status: number; schema: Schema | null };
}

/** What one run sends, drawn by fast-check and read by `requestFor`. */
interface Plan {
  caller: number;
  params: { kind: number; index: number; junk: string }[];
  body: { kind: BodyKind; field: number; mutation: number; json: unknown; text: string };
  query: Record<string, string> | null;
  contentType: string;
}

const BODY_KINDS = [
  'valid',
  'valid',
  'valid',
  'mutated',
  'mutated',
  'mutated',
  'mutated',
  'mutated',
  'mutated',
  'nulls',
  'deepObject',
  'deepArray',
  'json',
  'text',
] as const;
type BodyKind = (typeof BODY_KINDS)[number];

/** Strings that have broken APIs: NUL, direction and format characters, case folding that differs. */
const NASTY = [
  '\u0000',
  'a\u0000b',
  'İvan@mail.kz',
  'ИВАН@ПОЧТА.РФ',
  '\u202Eexe.pdf',
  '\uFEFF',
  '\uD800',
  '𝕏'.repeat(40),
  ' ',
  '',
  "'; DROP TABLE app_user; --",
  '../../etc/passwd',
  '9'.repeat(400),
];
const junk = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** One field of a valid body changed into something it must not be. */
const MUTATIONS: ((value: unknown, text: string) => unknown)[] = [
  () => null,
  () => undefined,
  (_v, text) => `${text}\u0000`,
  () => 'x'.repeat(10_000),
  () => '',
  () => 'İvan@mail.kz',
  () => -1,
  () => 2 ** 53,
  () => 1.5,
  () => true,
  () => ({}),
  () => [],
  (v) => [v, v],
  () => [null],
  () => randomUUID(),
  () => '2024-02-30',
  () => '9999-12-31T23:59:59Z',
  () => nested(64, 'object'),
  (_v, text) => text,
];

function nested(depth: number, kind: 'object' | 'array'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = kind === 'object' ? { a: value } : [value];
  return value;
}

/** Every byte percent-encoded: NUL and lone surrogates (as U+FFFD) reach the server as bytes. */
const percentEncoded = (value: string) =>
  [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** Routes that suspend, disable, revoke or withdraw: they get rows of their own, so the others keep theirs. */
const TAKES_AWAY: Record<string, Record<string, string>> = {
  'patch /api/v1/centres/{id}': { id: 'spare:centre' },
  'post /api/v1/centres/{id}/accreditations/{accreditationId}/revoke': {
    id: 'spare:centre',
    accreditationId: 'spare:centreAccreditation',
  },
  'post /api/v1/assessors/{id}/accreditations/{accreditationId}/revoke': {
    id: 'spare:assessor',
    accreditationId: 'spare:assessorAccreditation',
  },
  'post /api/v1/enrolments/{id}/withdraw': { id: 'spare:enrolment' },
  'patch /api/v1/users/{id}/status': { id: 'spare:user' },
  'patch /api/v1/users/{id}/role': { id: 'spare:user' },
};

/** A request body of `depth` levels, written as text: JSON.stringify would overflow first. */
const deepText = (depth: number, kind: 'object' | 'array') =>
  kind === 'object' ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`;

/**
 * Property-based abuse of every write route the OpenAPI document lists, as each role the route
 * admits: valid bodies, valid bodies with one field mutated, nulls in every field, deeply nested
 * JSON, NUL bytes in strings and query strings, real ids of rows the caller reaches beside random
 * and malformed ones. The API must never answer 5xx; every error has the one error shape with a
 * documented code; a success has its documented shape; and a refused request leaves every table
 * as it was (its row count and its newest row version, so an update is seen too).
 */
describe('abuse: random and malformed input to every write route', () => {
  let ctx: TestContext;
  let server: App;
  let doc: OpenApiDocument;
  let routes: WriteRoute[];
  let day: ExamDay;
  let callers: Record<Role, TestSession[]>;
  /** Ids of real rows by kind; `spare:` kinds are rows a route may take away without starving the others. */
  const ids: Record<string, string[]> = {};
  let credential: unknown;
  let fingerprintSql: string;
  const saved = {
    prefix: process.env.BULLMQ_PREFIX,
    publicLimit: process.env.PUBLIC_RATE_LIMIT_PER_MINUTE,
    uploads: process.env.EVIDENCE_UPLOADS_PER_MINUTE,
  };

  /** Per table: its row count and its newest row version (xmin), which any insert, update or delete moves. */
  const fingerprint = async (): Promise<Record<string, string>> => {
    const rows = await ctx.dataSource.query<{ t: string; n: string; v: string | null }[]>(fingerprintSql);
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n}/${r.v ?? '-'}`]));
  };
  /**
   * The next transaction id the server will assign. Any write takes one, reads take none: while it
   * has not moved, no table can have changed, and the fingerprint (a scan of every table) is skipped.
   */
  const nextTransactionId = async (): Promise<string> =>
    (await ctx.dataSource.query<{ x: string }[]>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x'))[0].x;

  beforeAll(async () => {
    // Counts of this file's own (login failures, rate limits): thousands of refused requests from
    // one address must not lock the next test files out.
    process.env.BULLMQ_PREFIX = `${saved.prefix ?? 'qualcert-test'}-fuzz-${process.pid}`;
    process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = '10000';
    process.env.EVIDENCE_UPLOADS_PER_MINUTE = '10000';
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    doc = (await request(server).get('/api/docs-json').expect(200)).body as OpenApiDocument;
    routes = writeRoutes(doc);
    await prepareFixtures();
    const tables = await ctx.dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
    );
    fingerprintSql = tables
      .map(
        ({ table_name: t }) =>
          `SELECT '${t}' AS t, COUNT(*)::text AS n, MAX(xmin::text::bigint)::text AS v FROM "${t}"`,
      )
      .join(' UNION ALL ');
  });
  afterAll(async () => {
    await ctx?.close();
    for (const [key, name] of [
      ['prefix', 'BULLMQ_PREFIX'],
      ['publicLimit', 'PUBLIC_RATE_LIMIT_PER_MINUTE'],
      ['uploads', 'EVIDENCE_UPLOADS_PER_MINUTE'],
    ] as const) {
      if (saved[key] === undefined) delete process.env[name];
      else process.env[name] = saved[key];
    }
  });

  /** A centre with an examined candidate, a signed decision under appeal, a certificate, evidence and records. */
  async function prepareFixtures(): Promise<void> {
    day = await prepareExamDay(ctx);
    const panel = [await accreditedAssessor(ctx, day), await accreditedAssessor(ctx, day)];
    const decisions = ctx.app.get(DecisionsService);
    const sign = async (applicationId: string) => {
      await decisions.compute(applicationId);
      const [{ id }] = await ctx.dataSource.query<{ id: string }[]>(
        'SELECT id FROM decision WHERE application_id = $1',
        [applicationId],
      );
      await request(server)
        .post(`/api/v1/decisions/${id}/approve`)
        .set(...bearer(day.manager))
        .expect(200);
      return id;
    };
    // Partial: the candidate appeals, and the panel hears it.
    const partial = await assessedApplication(ctx, day, 1);
    const partialDecision = await sign(partial.applicationId);
    const appeal = (
      await request(server)
        .post(`/api/v1/decisions/${partialDecision}/appeals`)
        .set(...bearer(partial.candidate))
        .send({ contestedSkillIds: partial.failed, grounds: 'Оценка практического задания неверна' })
        .expect(201)
    ).body as { id: string };
    await request(server)
      .post(`/api/v1/appeals/${appeal.id}/panel`)
      .set(...bearer(day.manager))
      .send({ assessorIds: panel.map((a) => a.id) })
      .expect(200);
    // Awarded: a certificate, whose credential is the public verification's valid body.
    const awarded = await assessedApplication(ctx, day, 0);
    const awardedDecision = await sign(awarded.applicationId);
    await ctx.app.get(CertificateIssuer).issue(awardedDecision);
    const [certificate] = await ctx.dataSource.query<{ id: string }[]>(
      'SELECT id FROM certificate WHERE decision_id = $1',
      [awardedDecision],
    );
    credential = (
      await request(server)
        .get(`/api/v1/certificates/${certificate.id}/credential`)
        .set(...bearer(day.manager))
        .expect(200)
    ).body;
    // A decision waiting for sign-off, and a candidate in the middle of a theory test.
    const pending = await assessedApplication(ctx, day, 0);
    await decisions.compute(pending.applicationId);
    const [pendingDecision] = await ctx.dataSource.query<{ id: string }[]>(
      'SELECT id FROM decision WHERE application_id = $1',
      [pending.applicationId],
    );
    const sitting = await enrolledCandidate(ctx, day);
    const test = (
      await request(server)
        .post(`/api/v1/enrolments/${sitting.enrolment.id}/theory-test`)
        .set(...bearer(sitting.candidate))
        .expect(200)
    ).body as { id: string; items: { options: { id: string }[] }[] };
    // A candidate with records, evidence and a draft on the recognition pathway.
    const drafter = await newCandidate(ctx);
    const education = await addEducation(ctx, drafter, { level: 'tvet_worker' });
    const employment = await addEmployment(ctx, drafter, {
      field: 'remote_information_consulting',
      startDate: '2020-01-01',
      endDate: '2023-12-31',
    });
    const learning = await addLearning(ctx, drafter);
    const evidence = await uploadEvidence(ctx, drafter);
    const draft = (
      await request(server)
        .post('/api/v1/applications')
        .set(...bearer(drafter))
        .send({ centreId: day.centreId, cardId: day.cardId, pathway: 'recognition' })
        .expect(201)
    ).body as { id: string };
    const recommended = day.skills.filter((s) => s.recognition === 'recommended').map((s) => s.id);
    await request(server)
      .post(`/api/v1/applications/${draft.id}/claims`)
      .set(...bearer(drafter))
      .send({ evidenceId: evidence.id, skillIds: recommended.slice(0, 1) })
      .expect(201);
    const conflict = (
      await request(server)
        .post('/api/v1/assessors/me/conflicts')
        .set(...bearer(day.assessors[0]))
        .send({ kind: 'employer', employer: 'ТОО «Другая компания»', reason: 'Работал там до 2023 года' })
        .expect(201)
    ).body as { id: string };
    const [notification] = await ctx.dataSource.query<{ id: string }[]>(
      `INSERT INTO notification (id, user_id, event_id, kind, subject_id, application_id, title)
       VALUES ($1, $2, 0, 'decision.approved', $3, $4, 'Решение подписано') RETURNING id`,
      [randomUUID(), partial.candidate.id, partialDecision, partial.applicationId],
    );
    const [centreAccreditation] = await ctx.dataSource.query<{ id: string }[]>(
      'SELECT id FROM accreditation WHERE centre_id = $1',
      [day.centreId],
    );
    const [assessorAccreditation] = await ctx.dataSource.query<{ id: string }[]>(
      'SELECT id FROM assessor_accreditation WHERE assessor_id = $1',
      [day.assessors[1].id],
    );
    const [task] = await ctx.dataSource.query<{ id: string }[]>('SELECT id FROM practical_task WHERE program_id = $1', [
      day.programId,
    ]);
    const [{ session_id: sessionId }] = await ctx.dataSource.query<{ session_id: string }[]>(
      'SELECT session_id FROM enrolment WHERE id = $1',
      [sitting.enrolment.id],
    );
    // Rows that routes may take away (see TAKES_AWAY).
    const spareCentre = await newAccreditedCentre(ctx, day.admin, [day.cardId]);
    const [spareCentreAccreditation] = await ctx.dataSource.query<{ id: string }[]>(
      'SELECT id FROM accreditation WHERE centre_id = $1',
      [spareCentre.id],
    );
    const spareEnrolment = (await enrolledCandidate(ctx, day)).enrolment;
    const spareAssessor = await accreditedAssessor(ctx, day);
    const [spareAccreditation] = await ctx.dataSource.query<{ id: string }[]>(
      'SELECT id FROM assessor_accreditation WHERE assessor_id = $1',
      [spareAssessor.id],
    );
    const spareUsers = [await newUser(ctx, 'assessor'), await newUser(ctx, 'candidate')];

    callers = {
      admin: [day.admin],
      centre_manager: [day.manager],
      assessor: [day.assessors[0], panel[0]],
      candidate: [partial.candidate, sitting.candidate, drafter],
    };
    Object.assign(ids, {
      centre: [day.centreId],
      card: [day.cardId],
      skill: day.skills.map((s) => s.id),
      ability: day.skills.map((s) => s.abilities[0].id),
      program: [day.programId],
      question: day.questions.map((q) => q.id),
      assessor: [...day.assessors, ...panel].map((a) => a.id),
      candidate: [partial.candidate.id, drafter.id],
      application: [partial.applicationId, awarded.applicationId, pending.applicationId, draft.id],
      enrolment: [sitting.enrolment.id],
      session: [sessionId],
      theoryTest: [test.id],
      // The first item's option ids: each test has its own.
      option: test.items[0].options.map((o) => o.id),
      position: ['1', '2'],
      decision: [partialDecision, pendingDecision.id, awardedDecision],
      appeal: [appeal.id],
      certificate: [certificate.id],
      evidence: [evidence.id],
      evidenceReview: [],
      education: [education.id],
      employment: [employment.id],
      learning: [learning.id],
      record: [education.id, employment.id, learning.id],
      document: [evidence.id],
      conflict: [conflict.id],
      notification: [notification.id],
      centreAccreditation: [centreAccreditation.id],
      assessorAccreditation: [assessorAccreditation.id],
      task: [task.id],
      queue: Object.values(QUEUES),
      job: [],
      user: [day.admin.id, day.manager.id],
      'spare:user': spareUsers.map((u) => u.id),
      'spare:centre': [spareCentre.id],
      'spare:centreAccreditation': [spareCentreAccreditation.id],
      'spare:enrolment': [spareEnrolment.id],
      'spare:assessor': [spareAssessor.id],
      'spare:assessorAccreditation': [spareAccreditation.id],
    });
  }

  /** The kind of row a path parameter names: by the route for those that take rows away, else by its name or the segment before it. */
  function kindOf(route: WriteRoute, name: string): string {
    const own = TAKES_AWAY[`${route.method} ${route.path}`]?.[name];
    if (own) return own;
    if (name === 'position' || name === 'queue') return name;
    if (name === 'accreditationId') return 'centreAccreditation';
    if (name.endsWith('Id')) return name.slice(0, -2);
    const segments = route.path.split('/');
    const before = segments[segments.indexOf(`{${name}}`) - 1];
    const KINDS: Record<string, string> = {
      users: 'user',
      cards: 'card',
      centres: 'centre',
      conflicts: 'conflict',
      assessors: 'assessor',
      programs: 'program',
      questions: 'question',
      sessions: 'session',
      enrolments: 'enrolment',
      'theory-tests': 'theoryTest',
      'evidence-reviews': 'evidenceReview',
      education: 'education',
      employment: 'employment',
      learning: 'learning',
      applications: 'application',
      candidates: 'candidate',
      decisions: 'decision',
      appeals: 'appeal',
      notifications: 'notification',
      certificates: 'certificate',
    };
    return KINDS[before] ?? 'job';
  }

  /** A value the route's validation accepts for a field, from its name and schema. */
  function validValue(schema: Schema, name: string, text: string): unknown {
    const s = resolve(doc, schema);
    if (s.allOf) return validValue(s.allOf[0], name, text);
    const byName = FIELD_VALUES[name];
    if (byName) return byName();
    if (typeof s.type === 'object') return validValue(s.type, name, text);
    if (s.enum) return s.enum[0];
    const reference = /^(.*?)Ids?$/.exec(name)?.[1];
    switch (s.type) {
      case 'object':
        return Object.fromEntries(
          Object.entries(s.properties ?? {})
            // An optional reference to a row the fixtures do not have is left out, not made up.
            .filter(([key, property]) => s.required?.includes(key) || !unknownReference(key, property))
            .map(([key, property]) => [key, validValue(property, key, text)]),
        );
      case 'array': {
        const item = validValue(s.items ?? {}, reference ? `${reference}Id` : name, text);
        return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => item);
      }
      case 'number':
      case 'integer':
        return s.default ?? s.minimum ?? 1;
      case 'boolean':
        return true;
      case 'string': {
        if (reference && ids[reference]?.length) return ids[reference][0];
        if (s.format === 'uuid') return randomUUID();
        if (s.format === 'date') return '2024-05-20';
        if (s.format === 'date-time') return new Date(Date.now() + 3600_000).toISOString();
        if (typeof s.example === 'string') return s.example;
        return 'Проверка ввода: достаточно длинный текст';
      }
      default:
        return text;
    }
  }

  function unknownReference(name: string, schema: Schema): boolean {
    const reference = /^(.*?)Ids?$/.exec(name)?.[1];
    return (reference !== undefined || resolve(doc, schema).format === 'uuid') && !ids[reference ?? '']?.length;
  }

  const FIELD_VALUES: Record<string, () => unknown> = {
    role: () => 'assessor',
    sex: () => 'female',
    email: () => uniqueEmail('fuzz'),
    password: () => strongPassword(),
    newPassword: () => strongPassword(),
    // Never the caller's: a changed password would end the sessions the fuzzer signs in with.
    currentPassword: () => strongPassword(),
    refreshToken: () => randomUUID(),
    code: () => uniqueCentreCode(),
    iin: () => makeIin('1995-03-14', 'female', 1 + randomInt(9000)),
    birthDate: () => '1995-03-14',
    startsAt: () => new Date(Date.now() + 3600_000).toISOString(),
    endsAt: () => new Date(Date.now() + 7200_000).toISOString(),
    validFrom: () => '2020-01-01',
    validTo: () => '2099-12-31',
    startDate: () => '2020-01-01',
    endDate: () => '2021-06-30',
    graduationYear: () => 2015,
    orkLevel: () => 5,
    optionIds: () => ids.option.slice(0, 1),
    correctOptions: () => [0],
    options: () => ['Верно', 'Неверно', 'Не знаю'],
    abilityIds: () => ids.ability.slice(0, 1),
    abilitiesObserved: () => ids.ability.slice(0, 1),
    phone: () => '+7 701 000 00 00',
    assessorIds: () => day.assessors.map((a) => a.id),
  };

  function requestFor(route: WriteRoute, role: Role | 'public', plan: Plan) {
    const session = role === 'public' ? null : callers[role][plan.caller % callers[role].length];
    let n = 0;
    const path = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const choice = plan.params[n++ % plan.params.length];
      const pool = ids[kindOf(route, name)] ?? [];
      // Mostly a real row; sometimes a stranger's id, or no id at all.
      if (choice.kind < 7 && pool.length > 0) return pool[choice.index % pool.length];
      if (choice.kind < 9) return randomUUID();
      return percentEncoded(choice.junk);
    });
    const fields = route.body ? Object.keys(resolve(doc, route.body).properties ?? {}) : [];
    const valid = route.body ? (validValue(route.body, '', plan.body.text) as Record<string, unknown>) : {};
    // Two bodies the document does not describe: a standard's text, and a credential as issued.
    if (route.path === '/api/v1/standards/import') Object.assign(valid, { text: seedText(), sourceName: SEED_FILE });
    if (route.path === '/api/v1/public/credentials/verify') Object.assign(valid, credential as object);
    let payload: string;
    let describe: string;
    switch (plan.body.kind) {
      case 'valid':
      case 'mutated': {
        const body = structuredClone(valid);
        const keys = fields.length > 0 ? fields : Object.keys(body);
        if (plan.body.kind === 'mutated' && keys.length > 0) {
          const key = keys[plan.body.field % keys.length];
          body[key] = MUTATIONS[plan.body.mutation % MUTATIONS.length](body[key], plan.body.text);
          if (body[key] === undefined) delete body[key];
        }
        payload = JSON.stringify(body);
        describe = payload;
        break;
      }
      case 'nulls':
        payload = JSON.stringify(Object.fromEntries((fields.length > 0 ? fields : ['id']).map((f) => [f, null])));
        describe = payload;
        break;
      case 'deepObject':
        payload = deepText(20_000, 'object');
        describe = '20,000 nested objects';
        break;
      case 'deepArray':
        payload = deepText(9_000, 'array');
        describe = '9,000 nested arrays';
        break;
      case 'json':
        payload = JSON.stringify(plan.body.json) ?? 'null';
        describe = payload;
        break;
      default:
        payload = plan.body.text;
        describe = JSON.stringify(payload);
    }
    const query = plan.query
      ? Object.entries(plan.query)
          .map(([k, v]) => `${percentEncoded(k)}=${percentEncoded(v)}`)
          .join('&')
      : '';
    let req = request(server)[route.method](query ? `${path}?${query}` : path);
    if (session) req = req.set(...bearer(session));
    if (route.multipart && plan.body.kind !== 'text') {
      const { body, contentType } = uploadBody(plan);
      return { req: req.set('Content-Type', contentType).send(body), path, describe: 'multipart' };
    }
    return {
      req: req.set('Content-Type', plan.contentType).send(payload),
      path,
      describe: describe.slice(0, 200),
    };
  }

  /** An evidence upload with its metadata valid or one field mutated, and a real PDF. */
  function uploadBody(plan: Plan) {
    const fields: Record<string, string> = {
      type: 'course_certificate',
      issuer: 'Учебный центр',
      issueDate: '2024-05-20',
      description: 'Курс повышения квалификации',
    };
    const names = Object.keys(fields);
    if (plan.body.kind !== 'valid') {
      const key = names[plan.body.field % names.length];
      const mutated = MUTATIONS[plan.body.mutation % MUTATIONS.length](fields[key], plan.body.text);
      // A form field is text: a mutation that is not is sent as its JSON.
      fields[key] = typeof mutated === 'string' ? mutated : (JSON.stringify(mutated) ?? '');
    }
    const parts: MultipartPart[] = [
      ...Object.entries(fields).map(([k, v]) => fieldPart(k, v)),
      filePart(pdfFile(percentEncoded(plan.body.text)), `${plan.body.text.replace(/["\r\n]/g, '')}.pdf`),
    ];
    return multipartBody(parts);
  }

  it('lists the write routes and whom each admits (a route lost from the document would escape the test)', () => {
    expect(routes.length).toBeGreaterThan(55);
    expect(routes.filter((r) => r.callers.includes('public')).map((r) => `${r.method} ${r.path}`)).toEqual([
      'post /api/v1/auth/register',
      'post /api/v1/auth/login',
      'post /api/v1/auth/refresh',
      'post /api/v1/auth/logout',
      'post /api/v1/public/credentials/verify',
    ]);
  });

  it('never answers 5xx, answers errors in the error shape and successes in the documented one, and never half-writes', async () => {
    const plans = fc.record<Plan>({
      caller: fc.nat(),
      params: fc.array(fc.record({ kind: fc.nat(9), index: fc.nat(), junk }), { minLength: 3, maxLength: 3 }),
      body: fc.record({
        kind: fc.constantFrom(...BODY_KINDS),
        field: fc.nat(),
        mutation: fc.nat(),
        json: fc.jsonValue({ maxDepth: 3 }),
        text: junk,
      }),
      query: fc.option(fc.dictionary(fc.constantFrom('search', 'q', 'limit', 'x\u0000'), junk, { maxKeys: 2 }), {
        freq: 3,
      }),
      contentType: fc.constantFrom(
        ...Array.from({ length: 12 }, () => 'application/json'),
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '*/*; q=garbage',
      ),
    });
    const errorSchema: Schema = { $ref: '#/components/schemas/ErrorBodyDto' };
    const failures: string[] = [];
    const counts: Record<string, number> = {};
    /** What is wrong with one answer: a 5xx, an error out of shape, a half-write, a success out of its documented shape. */
    const problems = (route: WriteRoute, res: request.Response, changed: string[]): string[] => {
      if (res.status >= 500) return [`${res.status}: ${res.text.slice(0, 200)}`];
      if (res.status >= 400) {
        const shape = schemaMismatches(doc, errorSchema, res.body);
        return [
          ...(res.body?.statusCode !== res.status || shape.length > 0
            ? [`no error shape ${res.status}: ${shape.join('; ')} ${res.text.slice(0, 200)}`]
            : []),
          ...(changed.length > 0 ? [`half-written (${changed.join(', ')}) ${res.status}`] : []),
        ];
      }
      // An evidence upload documents both: 201 for a new file, 200 for one uploaded before.
      if (
        res.status !== route.success.status &&
        !(route.path === '/api/v1/evidence' && [200, 201].includes(res.status))
      )
        return [`undocumented status ${res.status}`];
      const shape = route.success.schema
        ? schemaMismatches(doc, route.success.schema, res.body)
        : res.text === ''
          ? []
          : [`a body where the document has none: ${res.text.slice(0, 100)}`];
      return shape.length > 0 ? [`undocumented answer ${res.status}: ${shape.join('; ')}`] : [];
    };
    try {
      let stamp = await nextTransactionId();
      let before = await fingerprint();
      for (const [r, route] of routes.entries()) {
        for (const [c, role] of route.callers.entries()) {
          for (const plan of fc.sample(plans, { seed: SEED + r * 16 + c, numRuns: RUNS })) {
            const { req, path, describe } = requestFor(route, role, plan);
            const where = `${role} ${route.method.toUpperCase()} ${path} ${describe}`;
            const answer = await req.then(
              (res) => ({ res }),
              (error: Error) => ({ lost: error }),
            );
            const moved = await nextTransactionId();
            const after = moved === stamp ? before : await fingerprint();
            stamp = moved;
            if ('lost' in answer) failures.push(`no answer (${answer.lost.message}) ${where}`);
            else {
              const { res } = answer;
              counts[String(res.status)[0]] = (counts[String(res.status)[0]] ?? 0) + 1;
              const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
              failures.push(...problems(route, res, changed).map((p) => `${p} ${where}`));
            }
            before = after;
          }
        }
      }
    } catch (error) {
      throw new Error(`FUZZ_SEED=${SEED} replays this run: ${(error as Error).stack ?? String(error)}`);
    }
    // The runs reached past validation: some of them succeeded.
    expect(counts['2']).toBeGreaterThan(routes.length);
    expect({ seed: SEED, replay: `FUZZ_SEED=${SEED}`, failures: [...new Set(failures)] }).toEqual({
      seed: SEED,
      replay: `FUZZ_SEED=${SEED}`,
      failures: [],
    });
  });
});

/** Every write operation of the document, with whom it admits, its body and its answer. */
function writeRoutes(doc: OpenApiDocument): WriteRoute[] {
  const routes: WriteRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      // The composite decorator writes the admitted roles at the end of the summary.
      const named = /\(([a-z_, ]+)\)$/.exec(operation.summary ?? '')?.[1].split(', ') ?? [];
      const roles = named.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
      const callers: WriteRoute['callers'] = !operation.security?.length
        ? ['public']
        : roles.length > 0
          ? roles
          : [...ROLES];
      const content = operation.requestBody?.content ?? {};
      const [status, answer] = Object.entries(operation.responses ?? {}).find(([code]) => code.startsWith('2')) ?? [
        '200',
        {},
      ];
      routes.push({
        method: method as WriteRoute['method'],
        path,
        callers,
        body: content['application/json']?.schema?.$ref ? content['application/json'].schema : null,
        multipart: 'multipart/form-data' in content,
        success: { status: Number(status), schema: Object.values(answer.content ?? {})[0]?.schema ?? null },
      });
    }
  }
  return routes;
}
