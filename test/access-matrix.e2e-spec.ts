import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { AccessFixture, buildAccessFixture, Caller } from './utils/access-fixture';
import { pdfFile } from './utils/files';
import { strongPassword, uniqueCentreCode, uniqueEmail } from './utils/fixtures';
import { createTestApp, TestContext } from './utils/test-app';

/**
 * Every route × every kind of caller → the expected status, on real rows of centre A
 * (test/utils/access-fixture.ts): the owner or the assigned caller gets through, the others are
 * refused. A new route is one line in ROUTES; a caller not named in a row gets `others` (or, for
 * the invalid tokens, 401 unless public), and the other manager, assessor and candidate must be
 * named wherever their peer is named with anything but 403 (expected() refuses a row that does not).
 */
const SIGNED_IN: Caller[] = [
  'otherManager',
  'otherAssessor',
  'otherCandidate',
  'manager',
  'admin',
  'assessor',
  'candidate',
];
// Those refused go first and the owners last, so that no owner's change (a withdrawal, a
// deletion, a revocation) is what refuses the others.
const ALL: Caller[] = ['anonymous', 'expired', 'disabled', ...SIGNED_IN];
const PEERS: Partial<Record<Caller, Caller>> = {
  otherManager: 'manager',
  otherAssessor: 'assessor',
  otherCandidate: 'candidate',
};

interface Row {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (f: AccessFixture) => string;
  body?: (f: AccessFixture) => unknown;
  /** A multipart upload: the file and the form's fields. */
  upload?: { file: Buffer; name: string; fields: Record<string, string> };
  public?: boolean;
  expect: Partial<Record<Caller, number>> & { others: number };
  /** Why no caller succeeds: the row is about unknown ids, or its refusal comes after the access check. */
  noSuccess?: string;
  /** Keeps what a successful answer creates, for the rows after it. */
  keep?: (body: Record<string, unknown>, f: AccessFixture) => void;
}

const staffBody = () => ({
  email: uniqueEmail('staff'),
  fullName: 'Асель Бекова',
  role: 'assessor',
  password: strongPassword(),
});

const education = (f: AccessFixture) => ({
  level: 'higher',
  institution: 'ЕНУ',
  graduationYear: 2015,
  documentRef: 'ЖБ 1',
  documentId: f.spareFileId,
});
const employment = (f: AccessFixture) => ({
  employer: 'ТОО «Ақ Жол»',
  position: 'Оператор',
  field: 'call_centre',
  startDate: '2020-01-01',
  documentRef: 'Справка',
  documentId: f.spareFileId,
});
const learning = (f: AccessFixture) => ({
  kind: 'non_formal_course',
  title: 'Курс оператора',
  issuer: 'Учебный центр',
  issueDate: '2024-01-01',
  documentId: f.spareFileId,
});

/** Reached by the centre's staff who may see a candidate in full: never the other centre's, never unassigned assessors. */
const CANDIDATE_DATA = {
  admin: 200,
  manager: 200,
  assessor: 200,
  candidate: 200,
  otherManager: 404,
  otherAssessor: 404,
  otherCandidate: 404,
  others: 403,
};

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
    noSuccess: 'an unknown account',
  },
  {
    method: 'post',
    path: () => '/api/v1/standards/import',
    body: () => ({ text: 'not a standard' }),
    expect: { admin: 422, others: 403 },
    noSuccess: 'a text that is no standard: refused after the role check',
  },
  {
    method: 'post',
    path: () => '/api/v1/standards/import/preview',
    body: () => ({ text: 'not a standard' }),
    expect: { admin: 422, others: 403 },
    noSuccess: 'a text that is no standard: refused after the role check (read in the standard-import-api test)',
  },
  {
    method: 'post',
    path: () => '/api/v1/auth/register',
    public: true,
    body: () => ({ email: uniqueEmail(), password: strongPassword(), fullName: 'Ержан Ахметов' }),
    expect: { others: 202 },
  },
  {
    method: 'post',
    path: () => '/api/v1/auth/refresh',
    public: true,
    body: () => ({ refreshToken: `${randomUUID()}.${'x'.repeat(43)}` }),
    expect: { others: 401 },
    noSuccess: 'an unknown refresh token',
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
    noSuccess: 'a wrong current password (a right one would end the session the matrix uses)',
  },
  {
    method: 'post',
    path: () => '/api/v1/users',
    body: () => ({ email: uniqueEmail(), fullName: 'Гульнара Сейткали', role: 'assessor', password: strongPassword() }),
    expect: { admin: 201, others: 403 },
  },
  { method: 'get', path: () => '/api/v1/users', expect: { admin: 200, others: 403 } },
  {
    method: 'get',
    path: (f) => `/api/v1/users/${f.managerId}`,
    expect: { admin: 200, manager: 200, otherManager: 404, others: 404 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/users/${f.candidateId}`,
    expect: { admin: 200, candidate: 200, otherCandidate: 404, others: 404 },
  },
  {
    method: 'patch',
    path: (f) => `/api/v1/users/${f.staffUserId}/status`,
    body: () => ({ status: 'active' }),
    expect: { admin: 200, others: 403 },
  },
  {
    method: 'patch',
    path: () => `/api/v1/users/${randomUUID()}/status`,
    body: () => ({ status: 'disabled' }),
    expect: { admin: 404, others: 403 },
    noSuccess: 'an unknown user',
  },
  {
    method: 'patch',
    path: (f) => `/api/v1/users/${f.staffUserId}/role`,
    body: (f) => ({ role: 'assessor', centreIds: [f.centreId] }),
    expect: { admin: 200, others: 403 },
  },
  {
    method: 'patch',
    path: () => `/api/v1/users/${randomUUID()}/role`,
    body: () => ({ role: 'admin' }),
    expect: { admin: 404, others: 403 },
    noSuccess: 'an unknown user',
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
    expect: { admin: 200, manager: 200, otherManager: 200, assessor: 200, otherAssessor: 200, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}`,
    expect: { admin: 200, manager: 200, assessor: 200, otherAssessor: 200, otherManager: 404, others: 403 },
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
    expect: { admin: 200, manager: 200, assessor: 200, otherAssessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/accreditations`,
    body: (f) => ({ cardIds: [f.cardId], validFrom: '2020-01-01', validTo: '2020-01-31', documentRef: 'матрица' }),
    expect: { admin: 409, others: 403 },
    noSuccess: 'a period that overlaps the accreditation in force',
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/staff`,
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/jobs/failed`,
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/statistics?from=2020-01-01&to=2099-12-31`,
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
  {
    method: 'get',
    path: () => '/api/v1/candidates/me/profile',
    expect: { candidate: 200, otherCandidate: 200, others: 403 },
  },
  {
    method: 'put',
    path: () => '/api/v1/candidates/me/profile',
    body: () => ({ iin: '000000000000', birthDate: '2000-01-01', sex: 'male' }),
    expect: { candidate: 422, otherCandidate: 422, others: 403 },
    noSuccess: 'an invalid ИИН: a valid one would change the fixture’s profile',
  },
  {
    method: 'get',
    path: () => '/api/v1/candidates/me/education',
    expect: { candidate: 200, otherCandidate: 200, others: 403 },
  },
  {
    method: 'post',
    path: () => '/api/v1/candidates/me/education',
    body: education,
    // The other candidate names a file that is not theirs.
    expect: { candidate: 201, otherCandidate: 404, others: 403 },
  },
  {
    method: 'put',
    path: (f) => `/api/v1/candidates/me/education/${f.educationId}`,
    body: education,
    expect: { candidate: 200, otherCandidate: 404, others: 403 },
  },
  {
    method: 'delete',
    path: (f) => `/api/v1/candidates/me/education/${f.spareEducationId}`,
    expect: { candidate: 204, otherCandidate: 404, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/candidates/me/employment',
    expect: { candidate: 200, otherCandidate: 200, others: 403 },
  },
  {
    method: 'post',
    path: () => '/api/v1/candidates/me/employment',
    body: employment,
    expect: { candidate: 201, otherCandidate: 404, others: 403 },
  },
  {
    method: 'put',
    path: (f) => `/api/v1/candidates/me/employment/${f.employmentId}`,
    body: employment,
    expect: { candidate: 200, otherCandidate: 404, others: 403 },
  },
  {
    method: 'delete',
    path: (f) => `/api/v1/candidates/me/employment/${f.spareEmploymentId}`,
    expect: { candidate: 204, otherCandidate: 404, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/candidates/me/learning',
    expect: { candidate: 200, otherCandidate: 200, others: 403 },
  },
  {
    method: 'post',
    path: () => '/api/v1/candidates/me/learning',
    body: learning,
    expect: { candidate: 201, otherCandidate: 404, others: 403 },
  },
  {
    method: 'put',
    path: (f) => `/api/v1/candidates/me/learning/${f.learningId}`,
    body: learning,
    expect: { candidate: 200, otherCandidate: 404, others: 403 },
  },
  {
    method: 'delete',
    path: (f) => `/api/v1/candidates/me/learning/${f.spareLearningId}`,
    expect: { candidate: 204, otherCandidate: 404, others: 403 },
  },
  {
    // Issue 17: an assessor reaches a candidate's profile only through an assignment.
    method: 'get',
    path: (f) => `/api/v1/candidates/${f.candidateId}`,
    expect: { ...CANDIDATE_DATA, candidate: 403, otherCandidate: 403 },
  },
  {
    // A document whose ИИН is not the profile's: refused after the access check, nothing written.
    method: 'post',
    path: (f) => `/api/v1/candidates/${f.candidateId}/identity-confirmation`,
    body: () => ({ iin: '000000000000', document: 'удостоверение личности № 000000000' }),
    expect: { admin: 409, manager: 409, otherManager: 404, others: 403 },
    noSuccess: 'a document that does not match: a confirmation would change who holds the ИИН',
  },
  {
    method: 'post',
    path: (f) => `/api/v1/candidates/${f.candidateId}/identity-confirmation/withdraw`,
    body: () => ({ reason: 'Проверка прав доступа к подтверждению' }),
    expect: { admin: 409, manager: 409, otherManager: 404, others: 403 },
    noSuccess: 'nothing confirmed to withdraw',
  },
  {
    method: 'post',
    path: () => '/api/v1/applications',
    body: (f) => ({ centreId: f.centreId, cardId: f.cardId, pathway: 'recognition' }),
    // The candidate has this card open already; the other candidate may apply.
    expect: { candidate: 409, otherCandidate: 201, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/applications',
    expect: {
      admin: 200,
      manager: 200,
      otherManager: 200,
      assessor: 200,
      otherAssessor: 200,
      candidate: 200,
      otherCandidate: 200,
      others: 403,
    },
  },
  {
    // Any assessor of the centre reads its applications, for the document check.
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}`,
    expect: { ...CANDIDATE_DATA, otherAssessor: 200 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.checkedApplicationId}/documents`,
    expect: { ...CANDIDATE_DATA, otherAssessor: 200 },
  },
  {
    // A rejection leaves the application awaiting its check (the worker re-checks it), so every caller
    // that may give a verdict gets 200 in turn.
    method: 'put',
    path: (f) => `/api/v1/applications/${f.checkedApplicationId}/documents/${f.recordId}`,
    body: () => ({ verdict: 'rejected', reason: 'Проверка прав доступа' }),
    expect: { manager: 200, assessor: 200, otherAssessor: 200, otherManager: 404, otherCandidate: 403, others: 403 },
  },
  {
    method: 'put',
    path: (f) => `/api/v1/applications/${f.applicationId}/documents/${f.recordId}`,
    body: () => ({ verdict: 'confirmed' }),
    expect: { manager: 409, assessor: 409, otherAssessor: 409, otherManager: 404, others: 403 },
    noSuccess: 'a draft: no document check under way',
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.withdrawnApplicationId}/submit`,
    expect: { candidate: 409, otherCandidate: 404, others: 403 },
    noSuccess: 'a withdrawn application (a submission would start the worker’s check)',
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.withdrawnApplicationId}/withdraw`,
    expect: { candidate: 409, otherCandidate: 404, others: 403 },
    noSuccess: 'already withdrawn',
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.overridableApplicationId}/eligibility-override`,
    body: () => ({ justification: 'Опыт подтверждён документами работодателя' }),
    expect: { manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    // Not yet assigned to the assessor (see the appealed application below).
    path: (f) => `/api/v1/applications/${f.applicationId}/skills`,
    expect: {
      admin: 200,
      manager: 200,
      assessor: 404,
      candidate: 200,
      otherManager: 404,
      otherAssessor: 404,
      otherCandidate: 404,
      others: 403,
    },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.applicationId}/claims`,
    body: (f) => ({ evidenceId: f.evidenceId, skillIds: [f.recommendedSkillId] }),
    expect: { candidate: 201, otherCandidate: 404, others: 403 },
  },
  {
    method: 'delete',
    path: (f) => `/api/v1/applications/${f.applicationId}/claims/${f.evidenceId}/${f.recommendedSkillId}`,
    expect: { candidate: 204, otherCandidate: 404, others: 403 },
  },
  {
    method: 'post',
    path: () => '/api/v1/evidence',
    upload: {
      file: pdfFile('матрица'),
      name: 'matrix.pdf',
      fields: { type: 'other', issuer: 'Центр', issueDate: '2024-01-01' },
    },
    expect: { candidate: 201, otherCandidate: 201, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/evidence',
    expect: { candidate: 200, otherCandidate: 200, others: 403 },
  },
  {
    // Issue 17: another's evidence file needs an assignment to the candidate.
    method: 'get',
    path: (f) => `/api/v1/evidence/${f.evidenceId}`,
    expect: { ...CANDIDATE_DATA, otherCandidate: 404, others: 404 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/evidence/${f.evidenceId}/download`,
    expect: { ...CANDIDATE_DATA, others: 404 },
  },
  {
    // The document behind a record of an application awaiting its check: any assessor of the centre.
    method: 'get',
    path: (f) => `/api/v1/evidence/${f.recordDocumentId}/download`,
    expect: { ...CANDIDATE_DATA, otherAssessor: 200, others: 404 },
  },
  {
    method: 'post',
    path: () => '/api/v1/assessors/me/conflicts',
    body: () => ({ kind: 'employer', employer: 'ТОО «Тест»', reason: 'Работал там ранее' }),
    expect: { assessor: 201, otherAssessor: 201, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/assessors/me/conflicts/${f.conflictId}/close`,
    body: () => ({ reason: 'Закрыто по ошибке' }),
    expect: { assessor: 200, otherAssessor: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/assessors/${f.assessorId}`,
    expect: { admin: 200, manager: 200, assessor: 200, otherAssessor: 404, otherManager: 404, others: 403 },
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
    // Revoking a revoked accreditation changes nothing and answers it again.
    method: 'post',
    path: (f) => `/api/v1/assessors/${f.assessorId}/accreditations/${f.assessorAccreditationId}/revoke`,
    expect: { manager: 200, admin: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/assessors/${f.assessorId}/assignability?cardId=${f.examCardId}`,
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/programs`,
    body: (f) => ({ cardId: f.examCardId }),
    expect: { admin: 409, manager: 409, otherManager: 404, others: 403 },
    noSuccess: 'the card has its program already',
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/programs`,
    expect: { admin: 200, manager: 200, assessor: 200, otherAssessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/programs/${f.programId}`,
    expect: { admin: 200, manager: 200, assessor: 200, otherAssessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'patch',
    path: (f) => `/api/v1/programs/${f.draftProgramId}`,
    body: () => ({ passMarkPercent: 75 }),
    expect: { admin: 200, manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/programs/${f.draftProgramId}/tasks`,
    body: (f) => ({ skillId: f.draftSkillId, text: 'Задание для проверки доступа', abilityIds: [f.draftAbilityId] }),
    expect: { admin: 201, manager: 201, otherManager: 404, others: 403 },
  },
  {
    // The manager deletes it; the admin then finds no such task.
    method: 'delete',
    path: (f) => `/api/v1/programs/${f.draftProgramId}/tasks/${f.taskId}`,
    expect: { manager: 200, admin: 404, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/programs/${f.draftProgramId}/activate`,
    expect: { admin: 422, manager: 422, otherManager: 404, others: 403 },
    noSuccess: 'the draft has no questions for its skills yet',
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/questions`,
    body: (f) => ({
      cardId: f.cardId,
      skillId: f.skillId,
      type: 'single',
      text: 'Вопрос для матрицы доступа',
      options: ['да', 'нет'],
      correctOptions: [0],
    }),
    expect: { admin: 201, manager: 201, otherManager: 404, others: 403 },
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
        { skillId: f.skillId, type: 'single', text: 'Вопрос импорта', options: ['да', 'нет'], correctOptions: [1] },
      ],
    }),
    expect: { admin: 201, manager: 201, otherManager: 404, others: 403 },
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
    expect: { manager: 200, admin: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/sessions`,
    body: (f) => ({
      programId: f.programId,
      startsAt: '2030-01-01T09:00:00Z',
      endsAt: '2030-01-01T17:00:00Z',
      capacity: 5,
      assessorIds: [f.assessorId, f.secondAssessorId],
    }),
    expect: { admin: 201, manager: 201, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/centres/${f.centreId}/sessions`,
    expect: { admin: 200, manager: 200, assessor: 200, otherAssessor: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/sessions/${f.sessionId}`,
    expect: { admin: 200, manager: 200, assessor: 200, otherAssessor: 404, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: () => `/api/v1/sessions/${randomUUID()}`,
    expect: { admin: 404, manager: 404, assessor: 404, otherAssessor: 404, otherManager: 404, others: 403 },
    noSuccess: 'an unknown session',
  },
  {
    // An administrator reaches every id: an unknown application is a 404 for them too (it was a 500).
    method: 'get',
    path: () => `/api/v1/applications/${randomUUID()}`,
    expect: {
      admin: 404,
      manager: 404,
      assessor: 404,
      candidate: 404,
      otherManager: 404,
      otherAssessor: 404,
      otherCandidate: 404,
      others: 403,
    },
    noSuccess: 'an unknown application',
  },
  {
    method: 'post',
    path: (f) => `/api/v1/sessions/${f.sessionId}/enrolments`,
    body: (f) => ({ applicationId: f.enrollableApplicationId }),
    expect: { manager: 201, admin: 409, otherManager: 404, others: 403 },
  },
  {
    // Another candidate's enrolment: the manager withdraws it, the admin then finds it withdrawn.
    method: 'post',
    path: (f) => `/api/v1/enrolments/${f.withdrawableEnrolmentId}/withdraw`,
    expect: { manager: 200, admin: 409, otherManager: 404, candidate: 404, otherCandidate: 404, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/me/enrolments',
    expect: { candidate: 200, otherCandidate: 200, others: 403 },
  },
  {
    // Started in the fixture: this resumes it.
    method: 'post',
    path: (f) => `/api/v1/enrolments/${f.enrolmentId}/theory-test`,
    expect: { candidate: 200, otherCandidate: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/theory-tests/${f.theoryTestId}`,
    expect: { candidate: 200, otherCandidate: 404, others: 403 },
  },
  {
    // One candidate answering another's theory test.
    method: 'put',
    path: (f) => `/api/v1/theory-tests/${f.theoryTestId}/answers/${f.theoryPosition}`,
    body: (f) => ({ optionIds: [f.theoryOptionId] }),
    expect: { candidate: 204, otherCandidate: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/theory-tests/${f.theoryTestId}/submit`,
    expect: { candidate: 200, otherCandidate: 404, others: 403 },
  },
  {
    method: 'put',
    path: (f) => `/api/v1/enrolments/${f.enrolmentId}/practical/${f.examSkillId}`,
    body: (f) => ({ verdict: 'competent', abilitiesObserved: [f.examAbilityId], comment: 'Наблюдение' }),
    expect: { assessor: 200, otherAssessor: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/enrolments/${f.enrolmentId}/practical/sign`,
    expect: { assessor: 200, otherAssessor: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/enrolments/${f.enrolmentId}/results`,
    expect: { ...CANDIDATE_DATA, others: 404 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.reviewableApplicationId}/evidence-reviews`,
    body: (f) => ({ assessorId: f.assessorId }),
    expect: { manager: 201, otherManager: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}/evidence-reviews`,
    expect: { admin: 200, manager: 200, candidate: 200, otherManager: 404, otherCandidate: 404, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/evidence-reviews',
    expect: { assessor: 200, otherAssessor: 200, others: 403 },
  },
  {
    // An unassigned assessor deciding an evidence review.
    method: 'put',
    path: (f) => `/api/v1/evidence-reviews/${f.reviewId}`,
    body: () => ({ decision: 'reject', comment: 'Недостаточно' }),
    expect: { assessor: 200, otherAssessor: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}/progress`,
    expect: { admin: 200, manager: 200, candidate: 200, otherManager: 404, otherCandidate: 404, others: 403 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.appealedApplicationId}/decisions`,
    expect: { admin: 200, manager: 200, candidate: 200, otherManager: 404, otherCandidate: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.applicationId}/decisions`,
    expect: { manager: 409, otherManager: 404, others: 403 },
    noSuccess: 'a draft: nothing to decide',
  },
  {
    method: 'post',
    path: (f) => `/api/v1/decisions/${f.decisionToApproveId}/approve`,
    expect: { manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/decisions/${f.decisionToReturnId}/return`,
    body: () => ({ reason: 'Проверить протокол ещё раз' }),
    expect: { manager: 200, otherManager: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/decisions/${f.appealedDecisionId}/appeals`,
    body: (f) => ({ contestedSkillIds: [f.contestedSkillId], grounds: 'Задание оценено без учёта записи разговора' }),
    expect: { candidate: 201, otherCandidate: 404, others: 403 },
    keep: (body, f) => {
      f.appealId = body.id as string;
    },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.refusedApplicationId}/appeals`,
    body: () => ({ kind: 'admission', grounds: 'Диплом колледжа не был учтён при проверке' }),
    expect: { candidate: 201, otherCandidate: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/appeals/${f.appealId}/panel`,
    body: (f) => ({ assessorIds: f.panelAssessorIds }),
    expect: { manager: 200, otherManager: 404, others: 403 },
  },
  {
    // From here the assessor sits on the panel of an appeal on this application.
    method: 'get',
    path: (f) => `/api/v1/applications/${f.appealedApplicationId}/appeals`,
    expect: CANDIDATE_DATA,
  },
  {
    // The panel's assessor sees which evidence is claimed for which skill; another assessor does not.
    method: 'get',
    path: (f) => `/api/v1/applications/${f.appealedApplicationId}/skills`,
    expect: CANDIDATE_DATA,
  },
  { method: 'get', path: () => '/api/v1/appeals/panels', expect: { assessor: 200, otherAssessor: 200, others: 403 } },
  { method: 'get', path: (f) => `/api/v1/appeals/${f.appealId}`, expect: { ...CANDIDATE_DATA, others: 404 } },
  {
    method: 'get',
    path: () => `/api/v1/appeals/${randomUUID()}`,
    expect: { others: 404 },
    noSuccess: 'an unknown appeal',
  },
  {
    method: 'post',
    path: (f) => `/api/v1/appeals/${f.appealId}/votes`,
    body: () => ({ vote: 'uphold', reason: 'Изучены протоколы экзамена' }),
    expect: { assessor: 200, otherAssessor: 404, others: 403 },
  },
  {
    // One vote of two: the panel has not decided, so there is nothing to re-assess yet.
    method: 'put',
    path: (f) => `/api/v1/appeals/${f.appealId}/reassessments/${f.contestedSkillId}`,
    body: () => ({ result: 'passed', note: 'Повторное наблюдение задания' }),
    expect: { assessor: 409, otherAssessor: 404, others: 403 },
    noSuccess: 'the panel has not upheld the appeal yet',
  },
  {
    method: 'get',
    path: (f) => `/api/v1/decisions/${f.appealedDecisionId}/conclusion`,
    expect: { ...CANDIDATE_DATA, others: 404 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/sessions/${f.sessionId}/protocol`,
    expect: { ...CANDIDATE_DATA, others: 404 },
  },
  { method: 'get', path: () => '/api/v1/me/notifications', expect: { others: 200 } },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.certificateApplicationId}/credit-credentials`,
    expect: { admin: 200, manager: 200, candidate: 200, otherManager: 404, otherCandidate: 404, others: 403 },
  },
  {
    method: 'post',
    path: (f) => `/api/v1/me/notifications/${f.notificationId}/read`,
    expect: { candidate: 200, otherCandidate: 404, others: 404 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.certificateApplicationId}/certificate`,
    expect: { admin: 200, manager: 200, candidate: 200, otherManager: 404, otherCandidate: 404, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/certificates/register',
    // Another centre's manager gets the register of their own centres (none of centre A's rows).
    expect: { admin: 200, manager: 200, otherManager: 200, others: 403 },
  },
  {
    method: 'get',
    path: () => '/api/v1/certificates/register/export?format=csv',
    expect: { admin: 200, manager: 200, otherManager: 200, others: 403 },
  },
  {
    // Issue 17: the certificate PDF reaches the assessors who examined its holder, no other.
    method: 'get',
    path: (f) => `/api/v1/certificates/${f.certificateId}/pdf`,
    expect: { ...CANDIDATE_DATA, others: 404 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/certificates/${f.certificateId}/credential`,
    expect: { ...CANDIDATE_DATA, others: 404 },
  },
  {
    method: 'get',
    path: (f) => `/api/v1/public/certificates/${f.certificateNumber}?code=${f.certificateCode}`,
    public: true,
    expect: { others: 200 },
  },
  {
    method: 'get',
    path: () => '/api/v1/public/certificates/ZZ-2000-000001?code=7K3QM-Z9XA4',
    public: true,
    expect: { others: 404 },
    noSuccess: 'an unknown number',
  },
  {
    // After the reads above: the manager revokes, the admin then finds it revoked already.
    method: 'post',
    path: (f) => `/api/v1/certificates/${f.certificateId}/revoke`,
    body: () => ({ reason: 'Проверка прав доступа' }),
    expect: { manager: 200, admin: 409, otherManager: 404, others: 403 },
  },
  {
    // Last: a centre's accreditation revoked.
    method: 'post',
    path: (f) => `/api/v1/centres/${f.centreId}/accreditations/${f.accreditationId}/revoke`,
    expect: { admin: 200, others: 403 },
  },
  {
    method: 'post',
    path: () => '/api/v1/public/credentials/verify',
    public: true,
    body: () => ({ credentialSubject: {} }),
    expect: { others: 200 },
  },
  { method: 'get', path: () => '/api/v1/public/issuer', public: true, expect: { others: 200 } },
  {
    method: 'get',
    path: () => '/api/v1/public/issuers/NOSUCH',
    public: true,
    noSuccess: 'an unknown centre code: test/credentials-conformance.e2e-spec.ts resolves a real one',
    expect: { others: 404 },
  },
  {
    method: 'get',
    path: () => '/api/v1/public/status-lists/NOSUCH/0',
    public: true,
    noSuccess: 'the list of an unknown centre: test/credentials-conformance.e2e-spec.ts reads a real one',
    expect: { others: 404 },
  },
  { method: 'get', path: () => '/api/v1/admin/jobs/failed', expect: { admin: 200, others: 403 } },
  { method: 'post', path: () => '/api/v1/admin/dashboard-session', expect: { admin: 204, others: 403 } },
  {
    method: 'post',
    path: () => '/api/v1/admin/jobs/certificates/no-such-job/retry',
    expect: { admin: 404, others: 403 },
    noSuccess: 'an unknown job',
  },
];

/** Path labels: `:name` for every fixture field. */
const PLACEHOLDERS = new Proxy({} as AccessFixture, { get: (_target, key) => `:${String(key)}` });

function expected(row: Row, caller: Caller): number {
  if (!row.public && (caller === 'anonymous' || caller === 'expired' || caller === 'disabled'))
    return row.expect[caller] ?? 401;
  const named = row.expect[caller];
  if (named !== undefined) return named;
  const peer = PEERS[caller];
  const peerStatus = peer ? row.expect[peer] : undefined;
  if (peerStatus !== undefined && peerStatus !== 403) {
    throw new Error(`${row.method} ${row.path(PLACEHOLDERS)}: say what ${caller} gets (${peer} gets ${peerStatus})`);
  }
  return row.expect.others;
}

describe('access matrix', () => {
  let ctx: TestContext;
  let server: App;
  let fixture: AccessFixture;
  let tokens: Partial<Record<Caller, string>>;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    ({ fixture, tokens } = await buildAccessFixture(ctx));
  }, 180_000);
  afterAll(() => ctx.close());

  const cases = ROUTES.flatMap((row) =>
    ALL.map((caller) => [`${row.method.toUpperCase()} ${row.path(PLACEHOLDERS)}`, caller, row] as const),
  );

  it('has a row for every route of the OpenAPI document', async () => {
    const doc = (await request(server).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const rows = ROUTES.map((row) => `${row.method} ${row.path(PLACEHOLDERS).split('?')[0]}`);
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const pattern = new RegExp(`^${method} ${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        if (!rows.some((r) => pattern.test(r))) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lets somebody through on every row, or says why nobody gets through', () => {
    const silent = ROUTES.filter((row) => {
      const succeeds = ALL.some((caller) => expected(row, caller) < 300);
      return succeeds === (row.noSuccess !== undefined);
    }).map((row) => `${row.method} ${row.path(PLACEHOLDERS)}`);
    expect(silent).toEqual([]);
  });

  it.each(cases)('%s as %s', async (_label, caller, row) => {
    const path = row.path(fixture);
    let req = request(server)[row.method](path);
    const token = tokens[caller];
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (row.upload) {
      req = req.attach('file', row.upload.file, row.upload.name);
      for (const [name, value] of Object.entries(row.upload.fields)) req = req.field(name, value);
    }
    const res = row.body ? await req.send(row.body(fixture) as object) : await req;
    expect({ path, caller, status: res.status }).toEqual({ path, caller, status: expected(row, caller) });
    if (res.status >= 400) expect(res.body).toMatchObject({ statusCode: res.status, code: expect.any(String) });
    else row.keep?.(res.body, fixture);
  });
});
