import request from 'supertest';
import { uploadEvidence } from './exam-day';
import { bearer, TestSession } from './fixtures';
import type { TestContext } from './test-app';

/**
 * A candidate's records as the API makes them: each with its document uploaded first (an
 * evidence file of the candidate's own), then the centre's document check.
 */

export interface RecordView {
  id: string;
  documentId: string | null;
  check: { status: string; reason: string | null };
}

async function post(ctx: TestContext, candidate: TestSession, path: string, body: object, text: string) {
  const document = await uploadEvidence(ctx, candidate, text);
  const res = await request(ctx.app.getHttpServer())
    .post(`/api/v1/candidates/me/${path}`)
    .set(...bearer(candidate))
    .send({ documentId: document.id, ...body });
  if (res.status !== 201) throw new Error(`${path} record not added: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as RecordView;
}

export function addEducation(
  ctx: TestContext,
  candidate: TestSession,
  body: { level: string; institution?: string; graduationYear?: number; documentRef?: string },
): Promise<RecordView> {
  return post(
    ctx,
    candidate,
    'education',
    { institution: 'Колледж связи', graduationYear: 2016, documentRef: 'ТКБ 0012345', ...body },
    `диплом ${body.level}`,
  );
}

export function addEmployment(
  ctx: TestContext,
  candidate: TestSession,
  body: { field: string; startDate: string; endDate?: string; employer?: string; position?: string },
): Promise<RecordView> {
  return post(
    ctx,
    candidate,
    'employment',
    { employer: 'АО «Казахтелеком»', position: 'Оператор', documentRef: 'Трудовая книжка', ...body },
    `справка ${body.field} ${body.startDate}`,
  );
}

export function addLearning(
  ctx: TestContext,
  candidate: TestSession,
  body: { kind?: string; title?: string; issuer?: string; issueDate?: string } = {},
): Promise<RecordView> {
  return post(
    ctx,
    candidate,
    'learning',
    {
      kind: 'non_formal_course',
      title: 'Оператор контакт-центра: стандарты обслуживания',
      issuer: 'Учебный центр «Байланыс»',
      issueDate: '2024-03-01',
      ...body,
    },
    `обучение ${body.kind ?? 'course'} ${body.title ?? ''}`,
  );
}

export interface DocumentCheck {
  applicationId: string;
  status: string;
  pendingRecordIds: string[];
  records: (RecordView & { kind: string; label: string; routes: number[] })[];
}

export async function documentCheck(ctx: TestContext, who: TestSession, applicationId: string): Promise<DocumentCheck> {
  const res = await request(ctx.app.getHttpServer())
    .get(`/api/v1/applications/${applicationId}/documents`)
    .set(...bearer(who));
  if (res.status !== 200) throw new Error(`document check not read: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as DocumentCheck;
}

/** A verdict on one record's document, as the request (so a test can expect its status). */
export function giveVerdict(
  ctx: TestContext,
  staff: TestSession,
  applicationId: string,
  recordId: string,
  verdict: 'confirmed' | 'rejected',
  reason?: string,
) {
  return request(ctx.app.getHttpServer())
    .put(`/api/v1/applications/${applicationId}/documents/${recordId}`)
    .set(...bearer(staff))
    .send(reason === undefined ? { verdict } : { verdict, reason });
}

/** A member of the centre confirms every document the application waits for; it is then eligible. */
export async function confirmDocuments(
  ctx: TestContext,
  staff: TestSession,
  applicationId: string,
): Promise<DocumentCheck> {
  const check = await documentCheck(ctx, staff, applicationId);
  if (check.status !== 'awaiting_documents') {
    throw new Error(`application ${applicationId} does not await its document check: ${check.status}`);
  }
  let last = check;
  for (const recordId of check.pendingRecordIds) {
    const res = await giveVerdict(ctx, staff, applicationId, recordId, 'confirmed');
    if (res.status !== 200) throw new Error(`not confirmed: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body as DocumentCheck;
  }
  return last;
}
