import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { pdfFile } from './files';
import {
  bearer,
  eventually,
  freeIin,
  login,
  newAccreditedCentre,
  newSession,
  newUser,
  TestSession,
  TestUser,
} from './fixtures';
import { importSeed } from './seed';
import type { TestContext } from './test-app';

export interface Skill {
  id: string;
  recognition: string;
  abilities: { id: string }[];
}

export interface ExamDay {
  admin: TestSession;
  manager: TestSession;
  /**
   * The centre's other manager: the applications written directly below have their documents
   * checked by this one, so that the manager above, not involved, may sign their decisions.
   */
  checker: TestUser;
  assessors: TestSession[];
  centreId: string;
  cardId: string;
  programId: string;
  skills: Skill[];
  mandatory: Skill[];
  /** The additional functions the program offers (every one of the card's, unless told otherwise). */
  additionalFunctionIds: string[];
  /** The bank as staff see it: for answering correctly or not on purpose. */
  questions: { id: string; skillId: string; type: string; correctOptions: number[] }[];
}

/**
 * A centre ready to examine the ОРК 3 call-centre operator: an active program (two questions a
 * skill by default, drawn from three: two single and one multiple choice) offering the card's
 * additional function (unless `offerAdditional` is false), tasks for every skill it examines, two
 * accredited assessors of a sufficient level. Applications made by the helpers below choose every
 * offered additional function, so that every skill of the card is examined.
 */
export async function prepareExamDay(
  ctx: TestContext,
  settings: { questionsPerSkill?: number; passMarkPercent?: number; skillFloorPercent?: number } = {},
  options: { offerAdditional?: boolean } = {},
): Promise<ExamDay> {
  const offerAdditional = options.offerAdditional ?? true;
  const server = ctx.app.getHttpServer();
  const summary = await importSeed(ctx.app);
  const cards = (await request(server).get(`/api/v1/standards/${summary.standardId}/cards?orkLevel=3`).expect(200)).body
    .items;
  const cardId: string = cards[0].id;
  const card = (await request(server).get(`/api/v1/cards/${cardId}`).expect(200)).body;
  const skills: Skill[] = card.functions.flatMap((f: { skills: Skill[] }) => f.skills);
  const mandatory: Skill[] = card.functions
    .filter((f: { kind: string }) => f.kind === 'mandatory')
    .flatMap((f: { skills: Skill[] }) => f.skills);
  const additional: { id: string; skills: Skill[] }[] = offerAdditional
    ? card.functions.filter((f: { kind: string }) => f.kind === 'additional')
    : [];
  const additionalFunctionIds = additional.map((f) => f.id);
  const examined = [...mandatory, ...additional.flatMap((f) => f.skills)];
  const admin = await newSession(ctx, 'admin');
  const centreId = (await newAccreditedCentre(ctx, admin, [cardId])).id;
  const manager = await newSession(ctx, 'centre_manager', [centreId]);
  const checker = await newUser(ctx, 'centre_manager', [centreId]);
  const assessors: TestSession[] = [];
  for (let i = 0; i < 2; i += 1) assessors.push(await accreditedAssessor(ctx, { manager, centreId, cardId }));
  const program = (
    await request(server)
      .post(`/api/v1/centres/${centreId}/programs`)
      .set(...bearer(manager))
      .send({ cardId, questionsPerSkill: 2, passMarkPercent: 50, additionalFunctionIds, ...settings })
      .expect(201)
  ).body;
  for (const skill of examined) {
    await request(server)
      .post(`/api/v1/programs/${program.id}/tasks`)
      .set(...bearer(manager))
      .send({
        skillId: skill.id,
        text: 'Обработать обращение клиента по сценарию центра',
        abilityIds: [skill.abilities[0].id],
      })
      .expect(201);
  }
  // Without additional functions offered, the bank has no question for their skills either: an
  // exam must never reach for one.
  const bank = (offerAdditional ? skills : mandatory).flatMap((s) => [
    {
      skillId: s.id,
      type: 'single',
      text: `Навык ${s.id.slice(0, 4)}: верное действие?`,
      options: ['Верно', 'Неверно', 'Не знаю'],
      correctOptions: [0],
    },
    {
      skillId: s.id,
      type: 'multiple',
      text: `Навык ${s.id.slice(0, 4)}: верные утверждения?`,
      options: ['Первое', 'Второе', 'Третье', 'Четвёртое'],
      correctOptions: [1, 3],
    },
    // A third question (single choice, the first option right) for programs of three a skill.
    {
      skillId: s.id,
      type: 'single',
      text: `Навык ${s.id.slice(0, 4)}: первое действие?`,
      options: ['Выслушать', 'Перебить', 'Отключиться'],
      correctOptions: [0],
    },
  ]);
  const imported = (
    await request(server)
      .post(`/api/v1/centres/${centreId}/questions/import`)
      .set(...bearer(manager))
      .send({ cardId, questions: bank })
      .expect(201)
  ).body;
  await request(server)
    .post(`/api/v1/programs/${program.id}/activate`)
    .set(...bearer(manager))
    .expect(200);
  return {
    admin,
    manager,
    checker,
    assessors,
    centreId,
    cardId,
    programId: program.id,
    skills,
    mandatory,
    additionalFunctionIds,
    questions: imported.questions,
  };
}

/** A new assessor of the centre, of a sufficient ОРК level, accredited for the card until 2099. */
export async function accreditedAssessor(
  ctx: TestContext,
  day: Pick<ExamDay, 'manager' | 'centreId' | 'cardId'>,
): Promise<TestSession> {
  const server = ctx.app.getHttpServer();
  const assessor = await newSession(ctx, 'assessor', [day.centreId]);
  await request(server)
    .put(`/api/v1/assessors/${assessor.id}/profile`)
    .set(...bearer(day.manager))
    .send({ orkLevel: 5, field: 'Контакт-центры' })
    .expect(200);
  await request(server)
    .post(`/api/v1/assessors/${assessor.id}/accreditations`)
    .set(...bearer(day.manager))
    .send({ cardIds: [day.cardId], validFrom: '2020-01-01', validTo: '2099-12-31' })
    .expect(201);
  return assessor;
}

/**
 * Eligible applications written directly: the enrolment rules, not eligibility, are under test.
 * Each rests on what admission now needs: an education record of the card's level (ТиПО, рабочие
 * профессии) with its document, confirmed by the centre's other manager in that application's check.
 */
export async function eligibleApplications(
  ctx: TestContext,
  day: ExamDay,
  count: number,
): Promise<{ candidate: TestUser; applicationId: string }[]> {
  const result: { candidate: TestUser; applicationId: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const candidate = await newUser(ctx, 'candidate');
    // A profile with a valid ИИН: certificates print its masked form.
    const birth = new Date(
      Date.UTC(
        1970 + Math.floor(Math.random() * 30),
        Math.floor(Math.random() * 12),
        1 + Math.floor(Math.random() * 28),
      ),
    );
    const birthDate = birth.toISOString().slice(0, 10);
    await ctx.dataSource.query(
      `INSERT INTO candidate_profile (user_id, iin, birth_date, sex) VALUES ($1, $2, $3, 'female')`,
      [candidate.id, await freeIin(ctx, birthDate, 'female'), birthDate],
    );
    const applicationId = await eligibleApplicationFor(ctx, day, candidate.id);
    result.push({ candidate, applicationId });
  }
  return result;
}

/** One more eligible application of the day's card for a candidate who has a profile (a retake). */
export async function eligibleApplicationFor(ctx: TestContext, day: ExamDay, candidateId: string): Promise<string> {
  const applicationId = randomUUID();
  await ctx.dataSource.query(
    `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status, submission,
                              additional_function_ids)
     SELECT $1, $2, $3, c.id, c.standard_version_id, 'assessment', 'eligible', 1, $5::jsonb
       FROM profession_card c WHERE c.id = $4`,
    [applicationId, candidateId, day.centreId, day.cardId, JSON.stringify(day.additionalFunctionIds)],
  );
  await ctx.dataSource.query(
    `WITH document AS (
       INSERT INTO evidence_file (id, candidate_id, sha256, size_bytes, mime, file_name, storage_key, type, issuer, issue_date)
       VALUES (gen_random_uuid(), $1::uuid, md5(random()::text) || md5(random()::text), 1000, 'application/pdf',
               'diploma.pdf', 'evidence/' || $1::text || '/' || gen_random_uuid(), 'diploma', 'Колледж связи',
               date '2016-06-30')
       RETURNING id
     )
     INSERT INTO candidate_education (id, candidate_id, level, institution, graduation_year, document_ref, document_id,
                                      check_status, checked_by, checked_at, checked_application_id)
     SELECT gen_random_uuid(), $1::uuid, 'tvet_worker', 'Колледж связи', 2016, 'ТКБ 0012345', document.id,
            'confirmed', $2, now(), $3
       FROM document`,
    [candidateId, day.checker.id, applicationId],
  );
  return applicationId;
}

/** The candidate uploads a small course certificate (a PDF) as evidence. */
export async function uploadEvidence(ctx: TestContext, candidate: TestSession, text = 'курс'): Promise<{ id: string }> {
  const res = await request(ctx.app.getHttpServer())
    .post('/api/v1/evidence')
    .set(...bearer(candidate))
    .attach('file', pdfFile(text), `${text}.pdf`)
    .field('type', 'course_certificate')
    .field('issuer', 'Учебный центр')
    .field('issueDate', '2024-03-01')
    .expect(201);
  return res.body as { id: string };
}

export async function scheduleSession(
  ctx: TestContext,
  day: ExamDay,
  options: { startsAt?: Date; endsAt?: Date; capacity?: number } = {},
) {
  const res = await request(ctx.app.getHttpServer())
    .post(`/api/v1/centres/${day.centreId}/sessions`)
    .set(...bearer(day.manager))
    .send({
      programId: day.programId,
      startsAt: (options.startsAt ?? new Date(Date.now() - 60_000)).toISOString(),
      endsAt: (options.endsAt ?? new Date(Date.now() + 3600_000)).toISOString(),
      place: 'г. Астана, пр. Мангилик Ел, 55, ауд. 301',
      capacity: options.capacity ?? 10,
      assessorIds: day.assessors.map((a) => a.id),
    });
  if (res.status !== 201) throw new Error(`session not scheduled: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/** Enrols a fresh eligible candidate in a new session of the day; returns the enrolment and the signed-in candidate. */
export async function enrolledCandidate(ctx: TestContext, day: ExamDay) {
  const server = ctx.app.getHttpServer();
  const session = await scheduleSession(ctx, day);
  const [app] = await eligibleApplications(ctx, day, 1);
  const enrolment = (
    await request(server)
      .post(`/api/v1/sessions/${session.id}/enrolments`)
      .set(...bearer(day.manager))
      .send({ applicationId: app.applicationId })
      .expect(201)
  ).body as { id: string; examinedSkillIds: string[] };
  return { enrolment, applicationId: app.applicationId, candidate: await login(server, app.candidate) };
}

/** A theory test item as the candidate sees it. */
export interface TestItem {
  position: number;
  skillId: string;
  type: string;
  options: { id: string; text: string }[];
}

// prepareExamDay's bank, by text: option ids are the test's own, so the key is found by what it says.
const RIGHT = new Set(['Верно', 'Второе', 'Четвёртое', 'Выслушать']);
const WRONG = new Set(['Не знаю', 'Третье', 'Отключиться']);

/** The ids of the item's correct options (prepareExamDay's bank). */
export function rightOptions(item: TestItem): string[] {
  return item.options.filter((o) => RIGHT.has(o.text)).map((o) => o.id);
}

/** One wrong option of the item (prepareExamDay's bank). */
export function wrongOption(item: TestItem): string[] {
  return item.options.filter((o) => WRONG.has(o.text)).map((o) => o.id);
}

/**
 * The candidate starts the theory test, answers each item, in order, with the options `choose`
 * gives (rightOptions, wrongOption, or a mix) and submits; returns the submitted test.
 */
export async function sitTheoryTest<T = unknown>(
  ctx: TestContext,
  candidate: TestSession,
  enrolmentId: string,
  choose: (item: TestItem) => string[],
): Promise<T> {
  const server = ctx.app.getHttpServer();
  const test = (
    await request(server)
      .post(`/api/v1/enrolments/${enrolmentId}/theory-test`)
      .set(...bearer(candidate))
      .expect(200)
  ).body as { id: string; items: TestItem[] };
  for (const item of test.items) {
    await request(server)
      .put(`/api/v1/theory-tests/${test.id}/answers/${item.position}`)
      .set(...bearer(candidate))
      .send({ optionIds: choose(item) })
      .expect(204);
  }
  return (
    await request(server)
      .post(`/api/v1/theory-tests/${test.id}/submit`)
      .set(...bearer(candidate))
      .expect(200)
  ).body as T;
}

/** The candidate starts the theory test, answers every question right (see prepareExamDay's bank) and submits. */
export async function passTheoryTest(ctx: TestContext, candidate: TestSession, enrolmentId: string): Promise<void> {
  await sitTheoryTest(ctx, candidate, enrolmentId, rightOptions);
}

/**
 * A candidate examined to the end. `failSkills` fail at the practical: a number means the first
 * that many mandatory skills, a list names them.
 */
export async function assessedApplication(ctx: TestContext, day: ExamDay, failSkills: number | string[] = 0) {
  const { enrolment, applicationId, candidate } = await enrolledCandidate(ctx, day);
  const failed = Array.isArray(failSkills) ? failSkills : day.mandatory.slice(0, failSkills).map((s) => s.id);
  await examine(ctx, day, candidate, enrolment, failed);
  return { applicationId, candidate, failed };
}

/**
 * The candidate passes the theory test; each assessor records every examined skill (not yet
 * competent for those in `failed`, competent otherwise) and signs the sheet.
 */
export async function examine(
  ctx: TestContext,
  day: ExamDay,
  candidate: TestSession,
  enrolment: { id: string; examinedSkillIds: string[] },
  failed: string[],
): Promise<void> {
  const server = ctx.app.getHttpServer();
  await passTheoryTest(ctx, candidate, enrolment.id);
  for (const assessor of day.assessors) {
    for (const skillId of enrolment.examinedSkillIds) {
      const ability = day.skills.find((s) => s.id === skillId)?.abilities[0].id;
      await request(server)
        .put(`/api/v1/enrolments/${enrolment.id}/practical/${skillId}`)
        .set(...bearer(assessor))
        .send({
          verdict: failed.includes(skillId) ? 'not_yet_competent' : 'competent',
          abilitiesObserved: [ability],
          comment: 'Наблюдение',
        })
        .expect(200);
    }
    await request(server)
      .post(`/api/v1/enrolments/${enrolment.id}/practical/sign`)
      .set(...bearer(assessor))
      .expect(200);
  }
}

export interface IssuedCertificate {
  id: string;
  number: string;
  status: string;
  /** Printed beside the number; the public lookup needs both. */
  verificationCode: string;
  verificationUrl: string;
}

/** The JSON lookup behind the portal page that a certificate's QR code carries (/verify/{number}?code=…). */
export function publicPath(certificate: Pick<IssuedCertificate, 'verificationUrl'>): string {
  const url = new URL(certificate.verificationUrl);
  const number = /^\/verify\/([^/]+)$/.exec(url.pathname)?.[1];
  if (!number) throw new Error(`not a verification page: ${certificate.verificationUrl}`);
  return `/api/v1/public/certificates/${number}${url.search}`;
}

/** Signs off, as the manager, the decision the rule made for the application, once it exists; returns its id. */
export async function signOffDecision(
  ctx: TestContext,
  manager: { accessToken: string },
  applicationId: string,
): Promise<string> {
  const server = ctx.app.getHttpServer();
  const [decision] = await eventually(
    () =>
      request(server)
        .get(`/api/v1/applications/${applicationId}/decisions`)
        .set(...bearer(manager))
        .then((r) => r.body as { id: string }[]),
    (d) => d.length > 0,
  );
  await request(server)
    .post(`/api/v1/decisions/${decision.id}/approve`)
    .set(...bearer(manager))
    .expect(200);
  return decision.id;
}
/**
 * Waits until the worker has issued the application's certificate, as its holder sees it;
 * `unlike` waits for a newer one than that id (a replacement after an appeal).
 */
export async function issuedCertificate(
  ctx: TestContext,
  holder: TestSession,
  applicationId: string,
  unlike?: string,
): Promise<IssuedCertificate> {
  const certificate = await eventually(
    () =>
      request(ctx.app.getHttpServer())
        .get(`/api/v1/applications/${applicationId}/certificate`)
        .set(...bearer(holder))
        .then((r) => (r.status === 200 ? (r.body as IssuedCertificate) : null)),
    (c) => c !== null && c.id !== unlike,
    60000,
  );
  return certificate as IssuedCertificate;
}
