import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import type { App } from 'supertest/types';
import { pdfFile } from './utils/files';
import {
  bearer,
  newCandidate,
  newCentre,
  newSession,
  newUser,
  login,
  strongPassword,
  uniqueCentreCode,
  uniqueEmail,
  TestSession,
} from './utils/fixtures';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';

/**
 * Every route × every kind of caller → the expected status. A new route is one line in ROUTES;
 * a caller not named in a row gets `others` (or, for the invalid tokens, 401 unless public).
 */
type Caller = 'anonymous' | 'expired' | 'disabled' | 'admin' | 'manager' | 'otherManager' | 'assessor' | 'candidate';
const SIGNED_IN: Caller[] = ['admin', 'manager', 'otherManager', 'assessor', 'candidate'];
const ALL: Caller[] = ['anonymous', 'expired', 'disabled', ...SIGNED_IN];

interface Fixture {
  centreId: string;
  cardId: string;
  accreditationId: string;
  managerId: string;
  candidateId: string;
  standardId: string;
  applicationId: string;
  withdrawnApplicationId: string;
  evidenceId: string;
  /** An education record of the candidate's, for the document check. */
  recordId: string;
  /** An application of the candidate's awaiting its document check. */
  checkedApplicationId: string;
  skillId: string;
  assessorId: string;
  programId: string;
  questionId: string;
}

interface Row {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  public?: boolean;
  expect: Partial<Record<Caller, number>> & { others: number };
}

const staffBody = () => ({
  email: uniqueEmail('staff'),
  fullName: 'Асель Бекова',
  role: 'assessor',
  password: strongPassword(),
});

const ROUTES: Row[] = [
  { method: 'get', path: () => '/health', public: true, expect: { others: 200 } },
  { method: 'get', path: () => '/api/v1/standards', public: true, expect: { others: 200 } },
  { method: 'get', path: (f) => `/api/v1/standards/${f.standardId}`, public: true, expect: { others: 200 } },
  { method: 'get', path: (f) => `/api/v1/standards/${f.standardId}/cards`, public: true, expect: { others: 200 } },
  { method: 'get', path: (f) => `/api/v1/cards/${f.cardId}`, public: true, expect: { others: 200 } },
  { method: 'get', path: (f) => `/api/v1/cards/${f.cardId}/centres`, public: true, expect: { others: 200 } },
  { method: 'get', path: (f) => `/api/v1/skills/${f.skillId}`, public: true, expect: { others: 200 } },
  { method: 'get', path: () => '/api/v1/fields', public: true, expect: { others: 200 } },
  {
    method: 'post',
    path: () => '/api/v1/auth/login',
    public: true,
    body: () => ({ email: uniqueEmail('nobody'), password: strongPassword() }),
    expect: { others: 401 },
  },
  {
    method: 'post',
    path: () => '/api/v1/standards/import',
    body: () => ({ text: 'not a standard' }),
    expect: { admin: 422, others: 403 },
  },
  {
    method: 'post',
    path: () => '/api/v1/auth/register',
    public: true,
    body: () => ({ email: uniqueEmail(), password: strongPassword(), fullName: 'Ержан Ахметов' }),
    expect: { others: 201 },
  },
  {
    method: 'post',
    path: () => '/api/v1/auth/refresh',
    public: true,
    body: () => ({ refreshToken: `${randomUUID()}.${'x'.repeat(43)}` }),
    expect: { others: 401 },
  },
  {
    method: 'post',
    path: () => '/api/v1/auth/logout',
    public: true,
    body: () => ({ refreshToken: 'unknown' }),
    expect: { others: 204 },
  },
  { method: 'get', path: () => '/api/v1/auth/me', expect: { others: 200 } },
  {
    method: 'post',
    path: () => '/api/v1/auth/password',
    body: () => ({ currentPassword: 'wrong-password', newPassword: strongPassword() }),
    expect: { others: 422 },
  },
  {
    method: 'post',
    path: () => '/api/v1/users',
    body: () => ({ email: uniqueEmail(), fullName: 'Гульнара Сейткали', role: 'assessor', password: strongPassword() }),
    expect: { admin: 201, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/users', expect: { admin: 200, others: 403 } },
  { method: 'get', path: (f) => `/api/v1/users/${f.managerId}`, expect: { admin: 200, manager: 200, others: 404 } },
  { method: 'get', path: (f) => `/api/v1/users/${f.candidateId}`, expect: { admin: 200, candidate: 200, others: 404 } },
  {
    method: 'patch',
    path: () => `/api/v1/users/${randomUUID()}/status`,
    body: () => ({ status: 'disabled' }),
    expect: { admin: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => '/api/v1/centres',
    body: () => ({ code: uniqueCentreCode(), name: 'Центр', region: 'Алматы', address: 'ул. Абая, 1' }),
    expect: { admin: 201, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/centres',
    expect: { admin: 200, manager: 200, otherManager: 200, assessor: 200, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}`,
    expect: { admin: 200, manager: 200, assessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'patch',
    path: (f) => `/api/v1/centres/${f.centreId}`,
    body: () => ({ address: 'пр. Республики, 10' }),
    expect: { admin: 200, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/accreditations`,
    expect: { admin: 200, manager: 200, assessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/accreditations`,
    body: (f) => ({ cardIds: [f.cardId], validFrom: '2020-01-01', validTo: '2020-01-31', documentRef: 'матрица' }),
    expect: { admin: 409, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/accreditations/${f.accreditationId}/revoke`,
    expect: { admin: 200, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/staff`,
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/staff`,
    body: staffBody,
    expect: { admin: 201, manager: 201, otherManager: 404, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/audit', expect: { admin: 200, others: 403 } },
  {
    method: 'post',
    path: (f) => `/api/v1/cards/${f.cardId}/prerequisites/confirm`,
    expect: { admin: 200, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/candidates/me/profile', expect: { candidate: 200, others: 403 } },
  {
    method: 'put',
    path: () => '/api/v1/candidates/me/profile',
    body: () => ({ iin: '000000000000', birthDate: '2000-01-01', sex: 'male' }),
    expect: { candidate: 422, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/candidates/me/education', expect: { candidate: 200, others: 403 } },
  {
    method: 'post',
    path: () => '/api/v1/candidates/me/education',
    body: (f) => ({
      level: 'higher',
      institution: 'ЕНУ',
      graduationYear: 2015,
      documentRef: 'ЖБ 1',
      documentId: f.evidenceId,
    }),
    expect: { candidate: 201, others: 403 },
  },
  {
    method: 'put',
    path: () => `/api/v1/candidates/me/education/${randomUUID()}`,
    body: (f) => ({
      level: 'higher',
      institution: 'ЕНУ',
      graduationYear: 2015,
      documentRef: 'ЖБ 1',
      documentId: f.evidenceId,
    }),
    expect: { candidate: 404, others: 403 },
  },
  {
    method: 'delete',
    path: () => `/api/v1/candidates/me/education/${randomUUID()}`,
    expect: { candidate: 404, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/candidates/me/employment', expect: { candidate: 200, others: 403 } },
  {
    method: 'post',
    path: () => '/api/v1/candidates/me/employment',
    body: (f) => ({
      employer: 'ТОО',
      position: 'Оператор',
      field: 'other',
      startDate: '2020-01-01',
      documentRef: 'Справка',
      documentId: f.evidenceId,
    }),
    expect: { candidate: 201, others: 403 },
  },
  {
    method: 'put',
    path: () => `/api/v1/candidates/me/employment/${randomUUID()}`,
    body: (f) => ({
      employer: 'ТОО',
      position: 'Оператор',
      field: 'call_centre',
      startDate: '2020-01-01',
      documentRef: 'Справка',
      documentId: f.evidenceId,
    }),
    expect: { candidate: 404, others: 403 },
  },
  {
    method: 'delete',
    path: () => `/api/v1/candidates/me/employment/${randomUUID()}`,
    expect: { candidate: 404, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/candidates/me/learning', expect: { candidate: 200, others: 403 } },
  {
    method: 'post',
    path: () => '/api/v1/candidates/me/learning',
    body: (f) => ({
      kind: 'non_formal_course',
      title: 'Курс оператора',
      issuer: 'Учебный центр',
      issueDate: '2024-01-01',
      documentId: f.evidenceId,
    }),
    expect: { candidate: 201, others: 403 },
  },
  {
    method: 'put',
    path: () => `/api/v1/candidates/me/learning/${randomUUID()}`,
    body: (f) => ({
      kind: 'employer_reference',
      title: 'Отзыв',
      issuer: 'ТОО',
      issueDate: '2024-01-01',
      documentId: f.evidenceId,
    }),
    expect: { candidate: 404, others: 403 },
  },
  {
    method: 'delete',
    path: () => `/api/v1/candidates/me/learning/${randomUUID()}`,
    expect: { candidate: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/candidates/${f.candidateId}`,
    expect: { admin: 200, manager: 200, assessor: 200, otherManager: 404, others: 403 },
  },
  {
    // A document whose ИИН is not the profile's: refused after the access check, nothing written.
    method: 'post',
    path: (f) => `/api/v1/candidates/${f.candidateId}/identity-confirmation`,
    body: () => ({ iin: '000000000000', document: 'удостоверение личности № 000000000' }),
    expect: { admin: 409, manager: 409, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/candidates/${f.candidateId}/identity-confirmation/withdraw`,
    body: () => ({ reason: 'Проверка прав доступа к подтверждению' }),
    expect: { admin: 409, manager: 409, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => '/api/v1/applications',
    body: (f) => ({ centreId: f.centreId, cardId: f.cardId, pathway: 'recognition' }),
    expect: { candidate: 409, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/applications',
    expect: { admin: 200, manager: 200, otherManager: 200, assessor: 200, candidate: 200, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}`,
    expect: { admin: 200, manager: 200, assessor: 200, candidate: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.checkedApplicationId}/documents`,
    expect: { admin: 200, manager: 200, assessor: 200, candidate: 200, otherManager: 404, others: 403 },
  },
  {
    // A rejection leaves the application awaiting its check (the worker re-checks it), so every caller
    // that may give a verdict gets 200 in turn.
    method: 'put',
    path: (f) => `/api/v1/applications/${f.checkedApplicationId}/documents/${f.recordId}`,
    body: () => ({ verdict: 'rejected', reason: 'Проверка прав доступа' }),
    expect: { manager: 200, assessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'put',
    path: (f) => `/api/v1/applications/${f.applicationId}/documents/${f.recordId}`,
    body: () => ({ verdict: 'confirmed' }),
    expect: { manager: 409, assessor: 409, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.withdrawnApplicationId}/submit`,
    expect: { candidate: 409, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.withdrawnApplicationId}/withdraw`,
    expect: { candidate: 409, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.applicationId}/eligibility-override`,
    body: () => ({ justification: 'Опыт подтверждён документами работодателя' }),
    expect: { manager: 409, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}/skills`,
    expect: { admin: 200, manager: 200, candidate: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.applicationId}/claims`,
    body: (f) => ({ evidenceId: f.evidenceId, skillIds: [f.skillId] }),
    expect: { candidate: 422, others: 403 },
  },
  {
    method: 'delete',
    path: (f) => `/api/v1/applications/${f.applicationId}/claims/${f.evidenceId}/${f.skillId}`,
    expect: { candidate: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => '/api/v1/evidence',
    body: () => ({ type: 'other', issuer: 'Центр', issueDate: '2024-01-01' }),
    expect: { candidate: 400, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/evidence', expect: { candidate: 200, others: 403 } },
  {
    method: 'get',
    path: (f) => `/api/v1/evidence/${f.evidenceId}`,
    expect: { admin: 200, manager: 200, assessor: 200, candidate: 200, otherManager: 404, others: 404 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/evidence/${f.evidenceId}/download`,
    expect: { admin: 200, manager: 200, assessor: 200, candidate: 200, otherManager: 404, others: 404 },
  },
  {
    method: 'post',
    path: () => '/api/v1/assessors/me/conflicts',
    body: () => ({ kind: 'employer', employer: 'ТОО «Тест»', reason: 'Работал там ранее' }),
    expect: { assessor: 201, others: 403 },
  },
  {
    method: 'post',
    path: () => `/api/v1/assessors/me/conflicts/${randomUUID()}/close`,
    body: () => ({ reason: 'Закрыто по ошибке' }),
    expect: { assessor: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/assessors/${f.assessorId}`,
    expect: { admin: 200, manager: 200, assessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'put',
    path: (f) => `/api/v1/assessors/${f.assessorId}/profile`,
    body: () => ({ orkLevel: 5, field: 'Контакт-центры' }),
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/assessors/${f.assessorId}/accreditations`,
    body: (f) => ({ cardIds: [f.cardId], validFrom: '2020-01-01', validTo: '2099-12-31' }),
    expect: { admin: 201, manager: 201, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/assessors/${f.assessorId}/accreditations/${randomUUID()}/revoke`,
    expect: { admin: 404, manager: 404, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/assessors/${f.assessorId}/assignability?cardId=${f.cardId}`,
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/programs`,
    body: (f) => ({ cardId: f.cardId }),
    expect: { admin: 409, manager: 409, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/programs`,
    expect: { admin: 200, manager: 200, assessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/programs/${f.programId}`,
    expect: { admin: 200, manager: 200, assessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'patch',
    path: (f) => `/api/v1/programs/${f.programId}`,
    body: () => ({ passMarkPercent: 75 }),
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/programs/${f.programId}/tasks`,
    body: (f) => ({ skillId: f.skillId, text: 'Задание для проверки доступа', abilityIds: [randomUUID()] }),
    expect: { admin: 400, manager: 400, otherManager: 404, others: 403 },
  },
  {
    method: 'delete',
    path: (f) => `/api/v1/programs/${f.programId}/tasks/${randomUUID()}`,
    expect: { admin: 404, manager: 404, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/programs/${f.programId}/activate`,
    expect: { admin: 422, manager: 422, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/questions`,
    body: (f) => ({
      cardId: f.cardId,
      skillId: f.skillId,
      type: 'single',
      text: 'Вопрос с двумя ответами',
      options: ['да', 'нет'],
      correctOptions: [0, 1],
    }),
    expect: { admin: 422, manager: 422, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/questions?cardId=${f.cardId}`,
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/questions/import`,
    body: (f) => ({
      cardId: f.cardId,
      questions: [
        { skillId: f.skillId, type: 'single', text: 'Вопрос без верного', options: ['да', 'нет'], correctOptions: [3] },
      ],
    }),
    expect: { admin: 422, manager: 422, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/questions/export?cardId=${f.cardId}`,
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'put',
    path: (f) => `/api/v1/questions/${f.questionId}`,
    body: () => ({ type: 'single', text: 'Исправленный вопрос', options: ['да', 'нет'], correctOptions: [0] }),
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/questions/${f.questionId}/retire`,
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/sessions`,
    body: (f) => ({
      programId: f.programId,
      startsAt: '2030-01-01T09:00:00Z',
      endsAt: '2030-01-01T17:00:00Z',
      capacity: 5,
      assessorIds: [f.assessorId],
    }),
    expect: { admin: 409, manager: 409, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/sessions`,
    expect: { admin: 200, manager: 200, assessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: () => `/api/v1/sessions/${randomUUID()}`,
    expect: { admin: 404, manager: 404, assessor: 404, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => `/api/v1/sessions/${randomUUID()}/enrolments`,
    body: (f) => ({ applicationId: f.applicationId }),
    expect: { admin: 404, manager: 404, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => `/api/v1/enrolments/${randomUUID()}/withdraw`,
    expect: { admin: 404, manager: 404, otherManager: 404, candidate: 404, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/me/enrolments', expect: { candidate: 200, others: 403 } },
  {
    method: 'post',
    path: () => `/api/v1/enrolments/${randomUUID()}/theory-test`,
    expect: { candidate: 404, others: 403 },
  },
  { method: 'get', path: () => `/api/v1/theory-tests/${randomUUID()}`, expect: { candidate: 404, others: 403 } },
  {
    method: 'put',
    path: () => `/api/v1/theory-tests/${randomUUID()}/answers/1`,
    body: () => ({ optionIds: ['a'] }),
    expect: { candidate: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => `/api/v1/theory-tests/${randomUUID()}/submit`,
    expect: { candidate: 404, others: 403 },
  },
  {
    method: 'put',
    path: (f) => `/api/v1/enrolments/${randomUUID()}/practical/${f.skillId}`,
    body: () => ({ verdict: 'competent', abilitiesObserved: [], comment: 'Наблюдение' }),
    expect: { assessor: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => `/api/v1/enrolments/${randomUUID()}/practical/sign`,
    expect: { assessor: 404, others: 403 },
  },
  { method: 'get', path: () => `/api/v1/enrolments/${randomUUID()}/results`, expect: { others: 404 } },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.applicationId}/evidence-reviews`,
    body: (f) => ({ assessorId: f.assessorId }),
    expect: { manager: 409, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}/evidence-reviews`,
    expect: { admin: 200, manager: 200, candidate: 200, otherManager: 404, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/evidence-reviews', expect: { assessor: 200, others: 403 } },
  {
    method: 'put',
    path: () => `/api/v1/evidence-reviews/${randomUUID()}`,
    body: () => ({ decision: 'reject', comment: 'Недостаточно' }),
    expect: { assessor: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}/progress`,
    expect: { admin: 200, manager: 200, candidate: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}/decisions`,
    expect: { admin: 200, manager: 200, candidate: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.applicationId}/decisions`,
    expect: { manager: 409, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => `/api/v1/decisions/${randomUUID()}/approve`,
    expect: { manager: 404, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => `/api/v1/decisions/${randomUUID()}/return`,
    body: () => ({ reason: 'Проверить протокол ещё раз' }),
    expect: { manager: 404, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => `/api/v1/decisions/${randomUUID()}/appeals`,
    body: (f) => ({ contestedSkillIds: [f.skillId], grounds: 'Задание оценено без учёта записи разговора' }),
    expect: { candidate: 404, others: 403 },
  },
  {
    // The candidate's application is a draft: nothing refused to appeal (409); another candidate's: 404.
    method: 'post',
    path: (f) => `/api/v1/applications/${f.applicationId}/appeals`,
    body: () => ({ kind: 'admission', grounds: 'Диплом колледжа не был учтён при проверке' }),
    expect: { candidate: 409, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}/appeals`,
    expect: { admin: 200, manager: 200, assessor: 200, candidate: 200, otherManager: 404, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/appeals/panels', expect: { assessor: 200, others: 403 } },
  { method: 'get', path: () => `/api/v1/appeals/${randomUUID()}`, expect: { others: 404 } },
  {
    method: 'post',
    path: () => `/api/v1/appeals/${randomUUID()}/panel`,
    body: () => ({ assessorIds: [randomUUID(), randomUUID()] }),
    expect: { manager: 404, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => `/api/v1/appeals/${randomUUID()}/votes`,
    body: () => ({ vote: 'uphold', reason: 'Изучены протоколы экзамена' }),
    expect: { assessor: 404, others: 403 },
  },
  {
    method: 'put',
    path: (f) => `/api/v1/appeals/${randomUUID()}/reassessments/${f.skillId}`,
    body: () => ({ result: 'passed', note: 'Повторное наблюдение задания' }),
    expect: { assessor: 404, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/me/notifications', expect: { others: 200 } },
  { method: 'post', path: () => `/api/v1/me/notifications/${randomUUID()}/read`, expect: { others: 404 } },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}/certificate`,
    expect: { admin: 404, manager: 404, candidate: 404, otherManager: 404, others: 403 },
  },
  { method: 'get', path: () => `/api/v1/certificates/${randomUUID()}/pdf`, expect: { others: 404 } },
  // Within reach: test/result-documents.e2e-spec.ts (the centre's staff, the candidate's own, 404 for others).
  { method: 'get', path: () => `/api/v1/decisions/${randomUUID()}/conclusion`, expect: { others: 404 } },
  { method: 'get', path: () => `/api/v1/sessions/${randomUUID()}/protocol`, expect: { others: 404 } },
  { method: 'get', path: () => `/api/v1/certificates/${randomUUID()}/credential`, expect: { others: 404 } },
  {
    method: 'post',
    path: () => `/api/v1/certificates/${randomUUID()}/revoke`,
    body: () => ({ reason: 'Проверка прав доступа' }),
    expect: { admin: 404, manager: 404, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/public/certificates/ZZ-2000-000001?code=7K3QM-Z9XA4',
    public: true,
    expect: { others: 404 },
  },
  {
    method: 'post',
    path: () => '/api/v1/public/credentials/verify',
    public: true,
    body: () => ({ credentialSubject: {} }),
    expect: { others: 200 },
  },
  { method: 'get', path: () => '/api/v1/public/issuer', public: true, expect: { others: 200 } },
  { method: 'get', path: () => '/api/v1/admin/jobs/failed', expect: { admin: 200, others: 403 } },
  { method: 'post', path: () => '/api/v1/admin/dashboard-session', expect: { admin: 204, others: 403 } },
  {
    method: 'post',
    path: () => '/api/v1/admin/jobs/certificates/no-such-job/retry',
    expect: { admin: 404, others: 403 },
  },
];

const PLACEHOLDERS: Fixture = {
  assessorId: ':assessorId',
  programId: ':programId',
  questionId: ':questionId',
  applicationId: ':applicationId',
  withdrawnApplicationId: ':withdrawnApplicationId',
  evidenceId: ':evidenceId',
  recordId: ':recordId',
  checkedApplicationId: ':checkedApplicationId',
  skillId: ':skillId',
  centreId: ':centreId',
  cardId: ':cardId',
  accreditationId: ':accreditationId',
  managerId: ':managerId',
  candidateId: ':candidateId',
  standardId: ':standardId',
};

function expected(row: Row, caller: Caller): number {
  if (!row.public && (caller === 'anonymous' || caller === 'expired' || caller === 'disabled'))
    return row.expect[caller] ?? 401;
  return row.expect[caller] ?? row.expect.others;
}

describe('access matrix', () => {
  let ctx: TestContext;
  let server: App;
  let fixture: Fixture;
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    const summary = await importSeed(ctx.app);
    const cards = await request(server)
      .get(`/api/v1/standards/${summary.standardId}/cards?occupationCode=4224-5-003`)
      .expect(200);
    const admin = await newSession(ctx, 'admin');
    const centre = await newCentre(ctx, admin);
    const otherCentre = await newCentre(ctx, admin);
    const accreditation = await request(server)
      .post(`/api/v1/centres/${centre.id}/accreditations`)
      .set(...bearer(admin))
      .send({
        cardIds: cards.body.items.map((c: { id: string }) => c.id),
        validFrom: '2020-01-01',
        validTo: '2099-12-31',
        documentRef: '№ 1',
      })
      .expect(201);
    const manager = await newSession(ctx, 'centre_manager', [centre.id]);
    const candidate = await newCandidate(ctx);
    const cardId = cards.body.items[0].id;
    const application = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: centre.id, cardId, pathway: 'recognition' })
      .expect(201);
    const withdrawn = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: centre.id, cardId: cards.body.items[1].id, pathway: 'assessment' })
      .expect(201);
    await request(server)
      .post(`/api/v1/applications/${withdrawn.body.id}/withdraw`)
      .set(...bearer(candidate))
      .expect(200);
    const evidence = await request(server)
      .post('/api/v1/evidence')
      .set(...bearer(candidate))
      .attach('file', pdfFile(), 'matrix.pdf')
      .field('type', 'course_certificate')
      .field('issuer', 'Учебный центр')
      .field('issueDate', '2024-01-01')
      .expect(201);
    const record = await request(server)
      .post('/api/v1/candidates/me/education')
      .set(...bearer(candidate))
      .send({
        level: 'higher',
        institution: 'ЕНУ',
        graduationYear: 2015,
        documentRef: 'ЖБ 1',
        documentId: evidence.body.id,
      })
      .expect(201);
    const checked = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: centre.id, cardId: cards.body.items[1].id, pathway: 'assessment' })
      .expect(201);
    // No worker runs here: the application is put where the worker would put it after a submission.
    await ctx.dataSource.query("UPDATE application SET status = 'awaiting_documents', submission = 1 WHERE id = $1", [
      checked.body.id,
    ]);
    const card = await request(server).get(`/api/v1/cards/${cardId}`).expect(200);
    const notRecommended = card.body.functions
      .flatMap((f: { skills: { id: string; recognition: string }[] }) => f.skills)
      .find((sk: { recognition: string }) => sk.recognition === 'not_recommended');
    const sessions: Record<string, TestSession> = {
      admin,
      manager,
      otherManager: await newSession(ctx, 'centre_manager', [otherCentre.id]),
      assessor: await newSession(ctx, 'assessor', [centre.id]),
      candidate,
    };
    for (const [caller, session] of Object.entries(sessions)) tokens[caller as Caller] = session.accessToken;

    const disabledUser = await newUser(ctx, 'assessor', [centre.id]);
    const disabled = await login(server, disabledUser);
    await request(server)
      .patch(`/api/v1/users/${disabledUser.id}/status`)
      .set(...bearer(admin))
      .send({ status: 'disabled' })
      .expect(200);
    tokens.disabled = disabled.accessToken;
    // Signed with the right key, but expired an hour ago.
    tokens.expired = ctx.app.get(JwtService).sign({ sub: admin.id, role: 'admin', sv: 0 }, { expiresIn: -3600 });

    const program = await request(server)
      .post(`/api/v1/centres/${centre.id}/programs`)
      .set(...bearer(admin))
      .send({ cardId })
      .expect(201);
    const question = await request(server)
      .post(`/api/v1/centres/${centre.id}/questions`)
      .set(...bearer(admin))
      .send({
        cardId,
        skillId: notRecommended.id,
        type: 'single',
        text: 'Вопрос для матрицы доступа',
        options: ['да', 'нет'],
        correctOptions: [0],
      })
      .expect(201);

    fixture = {
      assessorId: sessions.assessor.id,
      programId: program.body.id,
      questionId: question.body.id,
      centreId: centre.id,
      cardId: cards.body.items[0].id,
      accreditationId: accreditation.body[0].id,
      managerId: manager.id,
      candidateId: candidate.id,
      standardId: summary.standardId,
      applicationId: application.body.id,
      withdrawnApplicationId: withdrawn.body.id,
      evidenceId: evidence.body.id,
      recordId: record.body.id,
      checkedApplicationId: checked.body.id,
      skillId: notRecommended.id,
    };
  });
  afterAll(() => ctx.close());

  const cases = ROUTES.flatMap((row) =>
    ALL.map((caller) => [`${row.method.toUpperCase()} ${row.path(PLACEHOLDERS)}`, caller, row] as const),
  );

  it('has a row for every route of the OpenAPI document', async () => {
    const doc = (await request(server).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const rows = ROUTES.map((row) => `${row.method} ${row.path(fixture).split('?')[0]}`);
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const pattern = new RegExp(`^${method} ${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        if (!rows.some((r) => pattern.test(r))) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(cases)('%s as %s', async (_label, caller, row) => {
    const path = row.path(fixture);
    let req = request(server)[row.method](path);
    const token = tokens[caller];
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    const res = row.body ? await req.send(row.body(fixture) as object) : await req;
    expect({ path, caller, status: res.status }).toEqual({ path, caller, status: expected(row, caller) });
    if (res.status >= 400) expect(res.body).toMatchObject({ statusCode: res.status, code: expect.any(String) });
  });
});
