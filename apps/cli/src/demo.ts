/**
 * `npm run demo`: a newcomer's tour of the running system, through its public HTTP API only.
 *
 * It signs in as the admin the quick start created, and creates its own admin, a centre
 * accredited for two cards of the seed standard, programs with an item bank, two assessors and
 * four candidates, each with a diploma and a work record whose documents they upload; the centre
 * checks those documents before admitting anyone. It walks each candidate to the end: one awarded
 * through the exam, one partly through recognition of evidence (assessed on an additional function
 * too), one not eligible who appeals the refusal, one whose exam credits part of the card.
 * Certificates (PDF and signed credential), the conclusion of the partial decision and the
 * session's protocol are written to a folder; the certificates are verified publicly, and one is
 * revoked.
 *
 * Every run makes new accounts and a new centre, so it can be run again against the same system.
 * Settings: QUALCERT_URL (http://127.0.0.1:$PORT), ADMIN_EMAIL / ADMIN_PASSWORD (else read from
 * .qualcert/admin.env), DEMO_OUTPUT (demo-output/).
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any --
   An HTTP client that prints: it reads the API's JSON answers as their OpenAPI shapes describe,
   without a typed client of its own. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeIin } from '@qualcert/candidates';
import { formatVerificationCode } from '@qualcert/certificates';
import { toIsoDay } from '@qualcert/shared';

type Json = Record<string, any>;

const base = (process.env.QUALCERT_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
const api = `${base}/api/v1`;
const output = resolve(process.env.DEMO_OUTPUT ?? 'demo-output');
const run = randomBytes(3).toString('hex');
const started = Date.now();

/** The demo's output is its whole point: a line per step on stdout (no personal data in it). */
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

let stepNo = 0;
function step(text: string): void {
  stepNo += 1;
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  say(`[${seconds}s] ${String(stepNo).padStart(2)}. ${text}`);
}
const detail = (text: string): void => say(`              ${text}`);

class ApiError extends Error {}

async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; form?: FormData; expect?: number[]; raw?: boolean } = {},
): Promise<Json> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: FormData | string | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(`${api}${path}`, { method, headers, body });
  const expected = options.expect ?? [200, 201, 202, 204];
  if (!expected.includes(res.status)) {
    throw new ApiError(`${method} ${path} → ${res.status} ${await res.text()}`);
  }
  if (options.raw) return { status: res.status, buffer: Buffer.from(await res.arrayBuffer()) };
  const text = await res.text();
  return text ? (JSON.parse(text) as Json) : { status: res.status };
}

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, ms = 30000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s (is the worker running?)`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const password = (): string => `Qc!${randomBytes(12).toString('base64url')}7ж`;

async function login(email: string, pass: string): Promise<string> {
  return (await call('POST', '/auth/login', { body: { email, password: pass } })).accessToken as string;
}

function adminCredentials(): { email: string; password: string } {
  if (process.env.ADMIN_EMAIL && process.env.ADMIN_PASSWORD)
    return { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };
  const file = '.qualcert/admin.env';
  if (!existsSync(file))
    throw new Error('No admin: run the quick start (npm start) first, or set ADMIN_EMAIL and ADMIN_PASSWORD');
  const env = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD };
}

const cut = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

interface Skill {
  id: string;
  title: string;
  recognition: 'recommended' | 'not_recommended';
  abilities: { id: string; text: string }[];
  knowledge: { id: string; text: string }[];
}
interface Card {
  id: string;
  name: string;
  orkLevel: number;
  functions: { id: string; kind: string; title: string; skills: Skill[] }[];
}

/**
 * A small Russian item bank drawn from the standard itself: for each skill, which knowledge
 * items it needs, with distractors taken from other skills' knowledge. Honest (every correct
 * answer is the standard's own words) and reproducible (no randomness).
 */
function itemBank(card: Card, pool: string[]) {
  const questions: {
    skillId: string;
    type: 'single' | 'multiple';
    text: string;
    options: string[];
    correctOptions: number[];
  }[] = [];
  const skills = card.functions.flatMap((f) => f.skills);
  skills.forEach((skill, i) => {
    const own = [...new Set(skill.knowledge.map((k) => cut(k.text)))];
    const others = pool.filter((t) => !own.includes(t));
    const distractor = (n: number) => others[(i * 7 + n * 13) % others.length];
    if (own.length === 0) return;
    questions.push({
      skillId: skill.id,
      type: 'single',
      text: `Какое из знаний необходимо для навыка «${skill.title}»?`,
      options: [own[0], distractor(1), distractor(2), distractor(3)],
      correctOptions: [0],
    });
    if (own.length >= 2) {
      questions.push({
        skillId: skill.id,
        type: 'multiple',
        text: `Отметьте все знания, которые стандарт относит к навыку «${skill.title}».`,
        options: [distractor(4), own[1], distractor(5), own[0]],
        correctOptions: [1, 3],
      });
    } else {
      questions.push({
        skillId: skill.id,
        type: 'single',
        text: `Что из перечисленного входит в знания навыка «${skill.title}»?`,
        options: [distractor(6), distractor(7), own[0]],
        correctOptions: [2],
      });
    }
  });
  return questions;
}

async function main(): Promise<void> {
  say(`qualcert demo against ${base} (run ${run}); files go to ${output}`);
  mkdirSync(output, { recursive: true });

  step('The admin created by the quick start signs in and creates the demo admin');
  const root = adminCredentials();
  const rootToken = await login(root.email, root.password);
  const adminPass = password();
  const adminEmail = `demo-admin-${run}@demo.qualcert.kz`;
  await call('POST', '/users', {
    token: rootToken,
    body: { email: adminEmail, fullName: 'Демо Администратор', role: 'admin', password: adminPass },
  });
  const admin = await login(adminEmail, adminPass);

  step('Catalogue: the seed standard’s call-centre operator cards, ОРК 3 and ОРК 4');
  const standards = await call('GET', '/standards');
  const standard = (standards.items ?? standards)[0] as Json;
  const listed = async (level: number) =>
    ((await call('GET', `/standards/${standard.id}/cards?orkLevel=${level}`)).items as Json[]).find((c) =>
      String(c.name).includes('Оператор'),
    ) as Json;
  const card3 = (await call('GET', `/cards/${(await listed(3)).id}`)) as unknown as Card;
  const card4 = (await call('GET', `/cards/${(await listed(4)).id}`)) as unknown as Card;
  for (const card of [card3, card4]) {
    const skills = card.functions.flatMap((f) => f.skills);
    detail(
      `${card.name}, ОРК ${card.orkLevel}: ${card.functions.length} functions, ${skills.length} skills ` +
        `(${skills.filter((s) => s.recognition === 'recommended').length} recognisable by evidence)`,
    );
  }

  step('A centre, accredited for both cards');
  const centre = await call('POST', '/centres', {
    token: admin,
    body: {
      code: `DM${run.toUpperCase()}`,
      name: 'Демонстрационный центр оценки',
      region: 'г. Астана',
      address: 'пр. Мангилик Ел, 55',
    },
  });
  await call('POST', `/centres/${centre.id}/accreditations`, {
    token: admin,
    body: {
      cardIds: [card3.id, card4.id],
      validFrom: '2025-01-01',
      validTo: '2030-12-31',
      documentRef: `№ ДЕМО-${run}`,
    },
  });
  detail(`${centre.code} — ${centre.name}`);

  step('Its two managers and two assessors (level, field, accreditation for both cards)');
  const staff = async (role: string, fullName: string) => {
    const pass = password();
    const email = `demo-${role}-${randomBytes(3).toString('hex')}@demo.qualcert.kz`;
    const user = await call('POST', `/centres/${centre.id}/staff`, {
      token: admin,
      body: { email, fullName, role, password: pass },
    });
    return { id: user.id as string, token: await login(email, pass), fullName };
  };
  const manager = await staff('centre_manager', 'Айгерим Нурланова');
  // Signs what the first manager may not: a decision on an application whose documents she checked.
  const deputy = await staff('centre_manager', 'Гульнара Ахметова');
  const assessors = [await staff('assessor', 'Ерлан Садыков'), await staff('assessor', 'Мария Ким')];
  for (const a of assessors) {
    await call('PUT', `/assessors/${a.id}/profile`, {
      token: manager.token,
      body: { orkLevel: 6, field: 'Контакт-центры' },
    });
    await call('POST', `/assessors/${a.id}/accreditations`, {
      token: manager.token,
      body: { cardIds: [card3.id, card4.id], validFrom: '2025-01-01', validTo: '2030-12-31' },
    });
  }
  detail(`managers ${manager.fullName}, ${deputy.fullName}; assessors ${assessors.map((a) => a.fullName).join(', ')}`);

  step(
    'Programs: practical tasks per skill and an item bank drawn from the standard; ОРК 4 offers its additional function',
  );
  const pool = [
    ...new Set(
      [card3, card4].flatMap((c) =>
        c.functions.flatMap((f) => f.skills.flatMap((s) => s.knowledge.map((k) => cut(k.text)))),
      ),
    ),
  ];
  const banks = new Map<string, { text: string; options: string[]; correctOptions: number[] }[]>();
  const programs = new Map<string, string>();
  for (const card of [card3, card4]) {
    // Additional functions are the candidate's choice among those the centre offers.
    const offered = card === card4 ? card.functions.filter((f) => f.kind === 'additional').map((f) => f.id) : [];
    const program = await call('POST', `/centres/${centre.id}/programs`, {
      token: manager.token,
      body: { cardId: card.id, questionsPerSkill: 2, passMarkPercent: 60, additionalFunctionIds: offered },
    });
    for (const fn of card.functions.filter((f) => f.kind === 'mandatory' || offered.includes(f.id))) {
      for (const skill of fn.skills) {
        await call('POST', `/programs/${program.id}/tasks`, {
          token: manager.token,
          body: {
            skillId: skill.id,
            text: cut(`Продемонстрировать на рабочем месте: ${skill.abilities[0].text}`, 1000),
            abilityIds: [skill.abilities[0].id],
          },
        });
      }
    }
    const bank = itemBank(card, pool);
    await call('POST', `/centres/${centre.id}/questions/import`, {
      token: manager.token,
      body: { cardId: card.id, questions: bank },
    });
    await call('POST', `/programs/${program.id}/activate`, { token: manager.token });
    banks.set(card.id, bank);
    programs.set(card.id, program.id as string);
    detail(
      `ОРК ${card.orkLevel}: ${bank.length} questions, 2 per skill in each test, pass mark 60 % overall and ` +
        `${program.skillFloorPercent} % a skill; ${offered.length} additional function(s) offered`,
    );
  }

  /** A small PDF uploaded as the candidate's evidence (a diploma, a work record, a certificate). */
  const upload = async (token: string, name: string, type: string, issuer: string, issueDate: string) => {
    const form = new FormData();
    const pdf = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% demo ${run} ${name}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), `${name}.pdf`);
    form.append('type', type);
    form.append('issuer', issuer);
    form.append('issueDate', issueDate);
    return (await call('POST', '/evidence', { token, form })).id as string;
  };

  const candidate = async (
    fullName: string,
    birthDate: string,
    sex: 'male' | 'female',
    monthsOfExperience: number,
    field = 'remote_information_consulting',
  ) => {
    const pass = password();
    const email = `demo-candidate-${randomBytes(3).toString('hex')}@demo.qualcert.kz`;
    // Registration answers alike for a new and a taken address; the account is the one signed in.
    await call('POST', '/auth/register', { body: { email, fullName, password: pass } });
    const session = await call('POST', '/auth/login', { body: { email, password: pass } });
    const token = session.accessToken as string;
    const user = session.user as Json;
    // Another ИИН each run (the day of birth and the serial come from the run's id): an ИИН that
    // an earlier run's candidate declared would be held for the centre to resolve.
    const seed = parseInt(run, 16);
    const born = `${birthDate.slice(0, 8)}${String(1 + (seed % 28)).padStart(2, '0')}`;
    const iin = makeIin(born, sex, Math.floor(seed / 28) % 10000);
    await call('PUT', '/candidates/me/profile', { token, body: { iin, birthDate: born, sex } });
    await call('POST', '/candidates/me/education', {
      token,
      body: {
        level: 'tvet_specialist',
        institution: 'Колледж связи',
        graduationYear: 2016,
        documentRef: `ТКБ ${run}`,
        documentId: await upload(token, 'diplom', 'diploma', 'Колледж связи', '2016-06-30'),
      },
    });
    const start = new Date(Date.UTC(2023, 0, 1));
    const end = new Date(Date.UTC(2023, monthsOfExperience, 0));
    await call('POST', '/candidates/me/employment', {
      token,
      body: {
        employer: 'АО «Казахтелеком»',
        position: 'Оператор контакт-центра',
        field,
        startDate: toIsoDay(start),
        endDate: toIsoDay(end),
        documentRef: 'Трудовая книжка',
        documentId: await upload(token, 'spravka-s-raboty', 'employment_record', 'АО «Казахтелеком»', '2025-01-15'),
      },
    });
    return { id: user.id as string, token, fullName, iin };
  };
  type Candidate = Awaited<ReturnType<typeof candidate>>;

  const applyAndSubmit = async (
    who: Candidate,
    card: Card,
    pathway: string,
    evidence?: (appId: string) => Promise<void>,
    additionalFunctionIds: string[] = [],
  ) => {
    const app = await call('POST', '/applications', {
      token: who.token,
      body: { centreId: centre.id, cardId: card.id, pathway, additionalFunctionIds },
    });
    if (evidence) await evidence(app.id as string);
    await call('POST', `/applications/${app.id}/submit`, { token: who.token });
    return until(
      'eligibility',
      () => call('GET', `/applications/${app.id}`, { token: who.token }),
      (a) => a.status !== 'submitted',
    );
  };

  /** A member of the centre looks at each document the application waits for and confirms it. */
  const checkDocuments = async (checker: { token: string; fullName: string }, applicationId: string) => {
    const check = await call('GET', `/applications/${applicationId}/documents`, { token: checker.token });
    let status = check.status as string;
    for (const recordId of check.pendingRecordIds as string[]) {
      const record = (check.records as Json[]).find((r) => r.id === recordId) as Json;
      await call('GET', `/evidence/${record.documentId}/download`, { token: checker.token, raw: true });
      const after = await call('PUT', `/applications/${applicationId}/documents/${recordId}`, {
        token: checker.token,
        body: { verdict: 'confirmed', reason: 'Оригинал сверен с копией' },
      });
      status = after.status as string;
      detail(`${checker.fullName} confirmed the ${record.kind} document: ${record.label}`);
    }
    detail(`application: ${status}`);
    if (status !== 'eligible') throw new Error(`the document check did not admit the candidate: ${status}`);
  };

  /** Both assessors observe every examined skill: competent, except those in `notYet`. */
  const examDay = async (who: Candidate, card: Card, applicationId: string, notYet: string[] = []) => {
    const session = await call('POST', `/centres/${centre.id}/sessions`, {
      token: manager.token,
      body: {
        programId: programs.get(card.id),
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
        place: 'г. Астана, пр. Мангилик Ел, 55, ауд. 301',
        capacity: 10,
        assessorIds: assessors.map((a) => a.id),
      },
    });
    // At the door the centre checks the identity document: the account now holds its ИИН.
    await call('POST', `/candidates/${who.id}/identity-confirmation`, {
      token: manager.token,
      body: { iin: who.iin, document: `удостоверение личности № 0${String(parseInt(run, 16)).padStart(8, '0')}` },
    });
    detail('identity document checked at the door and the account confirmed');
    const enrolment = await call('POST', `/sessions/${session.id}/enrolments`, {
      token: manager.token,
      body: { applicationId },
    });
    const examined = enrolment.examinedSkillIds as string[];
    detail(`enrolled; ${examined.length} skills to examine`);
    const test = await call('POST', `/enrolments/${enrolment.id}/theory-test`, { token: who.token });
    const bank = banks.get(card.id) ?? [];
    for (const item of test.items as { position: number; text: string; options: { id: string; text: string }[] }[]) {
      const question = bank.find((q) => q.text === item.text);
      const correct = new Set(question?.correctOptions.map((i) => question.options[i]));
      const optionIds = item.options.filter((o) => correct.has(o.text)).map((o) => o.id);
      await call('PUT', `/theory-tests/${test.id}/answers/${item.position}`, { token: who.token, body: { optionIds } });
    }
    const scored = await call('POST', `/theory-tests/${test.id}/submit`, { token: who.token });
    const overall = scored.score?.overall as { correct: number; total: number } | undefined;
    detail(
      `theory test: ${test.items.length} questions, ${overall ? `${overall.correct}/${overall.total} correct` : 'submitted'}`,
    );
    const skills = card.functions.flatMap((f) => f.skills);
    for (const assessor of assessors) {
      for (const skillId of examined) {
        const skill = skills.find((s) => s.id === skillId) as Skill;
        await call('PUT', `/enrolments/${enrolment.id}/practical/${skillId}`, {
          token: assessor.token,
          body: {
            verdict: notYet.includes(skillId) ? 'not_yet_competent' : 'competent',
            abilitiesObserved: [skill.abilities[0].id],
            comment: notYet.includes(skillId) ? 'Задание выполнено не полностью' : 'Задание выполнено по сценарию',
          },
        });
      }
      await call('POST', `/enrolments/${enrolment.id}/practical/sign`, { token: assessor.token });
    }
    detail('practical: both assessors signed their sheets');
    return session.id as string;
  };

  const decideAndCertify = async (
    who: Candidate,
    applicationId: string,
    label: string,
    signer: { token: string; fullName: string } = manager,
  ) => {
    const decisions = await until<Json[]>(
      'decision',
      async () => (await call('GET', `/applications/${applicationId}/decisions`, { token: manager.token })) as Json[],
      (d) => Array.isArray(d) && d.length > 0,
    );
    const decision = decisions[0];
    const basis = new Map<string, number>();
    for (const fn of decision.result.reasoning as { skills: { basis: string | null }[] }[])
      for (const s of fn.skills) if (s.basis) basis.set(s.basis, (basis.get(s.basis) ?? 0) + 1);
    detail(
      `decision (by the worker): ${decision.outcome}; credited by ${[...basis].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    await call('POST', `/decisions/${decision.id}/approve`, { token: signer.token });
    detail(`signed off by ${signer.fullName}`);
    const certificate = await until(
      'certificate',
      () => call('GET', `/applications/${applicationId}/certificate`, { token: who.token, expect: [200, 404] }),
      (c) => typeof c.number === 'string',
    );
    const pdf = await call('GET', `/certificates/${certificate.id}/pdf`, { token: who.token, raw: true });
    const credential = await call('GET', `/certificates/${certificate.id}/credential`, { token: who.token });
    const pdfPath = join(output, `${certificate.number}.pdf`);
    writeFileSync(pdfPath, pdf.buffer as Buffer);
    writeFileSync(join(output, `${certificate.number}.credential.json`), JSON.stringify(credential, null, 2));
    detail(
      `certificate ${certificate.number}, verification code ${formatVerificationCode(certificate.verificationCode as string)} (${label}): ${pdfPath} and .credential.json`,
    );
    return { certificate, credential };
  };

  // As someone reads them off the certificate: the number, and the code printed beside it.
  const verify = async (certificate: Json, credential: Json) => {
    const code = formatVerificationCode(certificate.verificationCode as string).toLowerCase();
    const view = await call('GET', `/public/certificates/${certificate.number}?code=${code}`);
    detail(
      `public page: ${view.status}, ${view.holderName}, ${view.card.name} ОРК ${view.card.orkLevel}, ` +
        `valid until ${view.validUntil}${view.revokeReason ? `, revoked: ${view.revokeReason}` : ''}`,
    );
    const checked = await call('POST', '/public/credentials/verify', { body: credential });
    detail(
      `credential: ${checked.verified ? 'verified' : `not verified — failed check(s): ${(checked.failed as string[]).join(', ')}`}` +
        ` (the centre's status list: ${checked.checks.statusList})`,
    );
    return { view, checked };
  };

  step('Candidate 1 registers (ИИН, diploma, 14 months’ experience, each with its document) and applies for ОРК 3');
  const first = await candidate('Алия Жумабекова', '1994-05-17', 'female', 14);
  const app1 = await applyAndSubmit(first, card3, 'assessment');
  detail(`eligibility (by the worker, on the records declared): ${app1.status}`);
  step('Candidate 1: the centre’s manager checks the documents the admission rests on');
  await checkDocuments(manager, app1.id as string);

  step('Candidate 1: exam day — theory test answered from the standard, practical observed');
  await examDay(first, card3, app1.id as string);
  step('Candidate 1: decision, sign-off (by the other manager: who checked the documents may not), certificate');
  const cert1 = await decideAndCertify(first, app1.id as string, 'through the exam', deputy);

  step('Candidate 2 (20 months in a call centre) applies for ОРК 4 by recognition, with a course certificate');
  const second = await candidate('Данияр Оспанов', '1990-11-02', 'male', 20, 'call_centre');
  const recommended = card4.functions.flatMap((f) => f.skills).filter((s) => s.recognition === 'recommended');
  const additional4 = card4.functions.filter((f) => f.kind === 'additional').map((f) => f.id);
  const app2 = await applyAndSubmit(
    second,
    card4,
    'recognition',
    async (appId) => {
      const evidence = await upload(
        second.token,
        'sertifikat-kursa',
        'course_certificate',
        'Учебный центр «Байланыс»',
        '2025-03-01',
      );
      await call('POST', `/applications/${appId}/claims`, {
        token: second.token,
        body: { evidenceId: evidence, skillIds: recommended.map((s) => s.id) },
      });
      detail(`evidence uploaded and claimed for ${recommended.length} recommended skills`);
    },
    additional4,
  );
  const experience = (app2.eligibility?.routes?.[0]?.conditions as Json[] | undefined)?.find(
    (c) => c.kind === 'experience',
  );
  detail(
    `eligibility (by the worker): ${app2.status}; ${experience?.message ?? ''}; assessed on the additional function too`,
  );
  step('Candidate 2: an assessor of the centre checks the documents (a call centre counts as remote consulting)');
  await checkDocuments(assessors[1], app2.id as string);

  step('Candidate 2: an assessor reviews the evidence (valid, sufficient, authentic, current)');
  const reviews = await call('POST', `/applications/${app2.id}/evidence-reviews`, {
    token: manager.token,
    body: { assessorId: assessors[0].id },
  });
  for (const review of reviews as unknown as Json[]) {
    await call('PUT', `/evidence-reviews/${review.id}`, {
      token: assessors[0].token,
      body: {
        decision: 'accept',
        criteria: { valid: true, sufficient: true, authentic: true, current: true },
        comment: 'Программа курса соответствует навыку',
      },
    });
  }
  detail(`${(reviews as unknown as Json[]).length} skills accepted on evidence`);
  step('Candidate 2: exam day for the remaining skills');
  await examDay(second, card4, app2.id as string);
  step('Candidate 2: decision, sign-off, certificate');
  const cert2 = await decideAndCertify(second, app2.id as string, 'partly through recognition');

  step('Candidate 3 has 7 months’ experience and applies for ОРК 4');
  const third = await candidate('Сауле Ахметова', '1999-02-23', 'female', 7);
  const app3 = await applyAndSubmit(third, card4, 'assessment');
  detail(`eligibility (by the worker): ${app3.status}`);
  for (const route of (app3.eligibility?.routes ?? []) as {
    kind: string;
    conditions: { holds: boolean; message: string }[];
  }[]) {
    for (const c of route.conditions.filter((x) => !x.holds)) detail(`  ${route.kind}: ${c.message}`);
  }

  step('Candidate 3 appeals the refusal; an impartial panel of two hears it and the refusal stands');
  const admission = await call('POST', `/applications/${app3.id}/appeals`, {
    token: third.token,
    body: {
      kind: 'admission',
      grounds: 'Прошу учесть опыт стажировки в контакт-центре, не внесённый в трудовую книжку',
    },
  });
  await call('POST', `/appeals/${admission.id}/panel`, {
    token: manager.token,
    body: { assessorIds: assessors.map((a) => a.id) },
  });
  let heard: Json = admission;
  for (const a of assessors) {
    heard = await call('POST', `/appeals/${admission.id}/votes`, {
      token: a.token,
      body: { vote: 'uphold', reason: 'Стажировка не подтверждена документом работодателя' },
    });
  }
  detail(`admission appeal (deadline ${admission.deadline}): ${heard.status}`);

  step('Candidate 4 sits the ОРК 3 exam and is not yet competent in one skill: a partial decision');
  const fourth = await candidate('Арман Тлеубаев', '1992-08-09', 'male', 16);
  const app4 = await applyAndSubmit(fourth, card3, 'assessment');
  await checkDocuments(assessors[0], app4.id as string);
  const weak = card3.functions.filter((f) => f.kind === 'mandatory').flatMap((f) => f.skills)[0];
  const session4 = await examDay(fourth, card3, app4.id as string, [weak.id]);
  const decisions4 = await until<Json[]>(
    'decision',
    async () => (await call('GET', `/applications/${app4.id}/decisions`, { token: manager.token })) as Json[],
    (d) => Array.isArray(d) && d.length > 0,
  );
  const signed4 = await call('POST', `/decisions/${decisions4[0].id}/approve`, { token: manager.token });
  detail(
    `decision: ${signed4.outcome}, ${(signed4.creditedSkillIds as string[]).length} skills credited until ` +
      `${signed4.terms.creditValidUntil}; appeal by ${signed4.terms.appealDeadline}; retake from ${signed4.terms.retakeOpensOn}`,
  );
  const credits = await until<Json[]>(
    'credentials for partial credit',
    async () => (await call('GET', `/applications/${app4.id}/credit-credentials`, { token: fourth.token })) as Json[],
    (c) => Array.isArray(c) && c.length > 0,
  );
  writeFileSync(join(output, 'credit-credentials-candidate-4.json'), JSON.stringify(credits, null, 2));
  detail(
    `credentials for partial credit (one per labour function with credited skills): ` +
      credits.map((c) => `«${c.credentialSubject.achievement.name}»`).join(', '),
  );
  const conclusion = await call('GET', `/decisions/${signed4.id}/conclusion`, { token: fourth.token, raw: true });
  writeFileSync(join(output, 'conclusion-candidate-4.pdf'), conclusion.buffer as Buffer);
  const protocol = await call('GET', `/sessions/${session4}/protocol`, { token: manager.token, raw: true });
  writeFileSync(join(output, 'protocol-session-4.pdf'), protocol.buffer as Buffer);
  detail(`the conclusion (what to improve, how to appeal) and the session's protocol: ${output}`);

  step('Anyone verifies the two certificates, without signing in, by number and verification code');
  await verify(cert1.certificate, cert1.credential);
  await verify(cert2.certificate, cert2.credential);
  const guessed = await call('GET', `/public/certificates/${cert1.certificate.number}?code=00000-00000`, {
    expect: [404],
  });
  const bare = await call('GET', `/public/certificates/${cert1.certificate.number}`, { expect: [400] });
  detail(`the number with a wrong code: ${guessed.code}; the number alone: ${bare.code}`);

  step(`The manager revokes certificate ${cert1.certificate.number}, and verification says so`);
  await call('POST', `/certificates/${cert1.certificate.id}/revoke`, {
    token: manager.token,
    body: { reason: 'Демонстрация: отозван по заявлению держателя' },
  });
  const after = await verify(cert1.certificate, cert1.credential);
  if (after.view.status !== 'revoked' || after.checked.verified) throw new Error('revocation was not reflected');

  say(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Files in ${output}.`);
}

main().catch((error: unknown) => {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
