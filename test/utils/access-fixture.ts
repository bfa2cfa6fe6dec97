import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { CertificateIssuer } from '@qualcert/certificates';
import { DecisionsService } from '@qualcert/decisions';
import {
  accreditedAssessor,
  eligibleApplicationFor,
  eligibleApplications,
  examine,
  ExamDay,
  prepareExamDay,
  scheduleSession,
  uploadEvidence,
} from './exam-day';
import { bearer, login, newCandidate, newCentre, newSession, newUser, TestSession } from './fixtures';
import { addEducation, addEmployment, addLearning } from './records';
import type { TestContext } from './test-app';

export type Caller =
  | 'anonymous'
  | 'expired'
  | 'disabled'
  | 'admin'
  | 'manager'
  | 'otherManager'
  | 'assessor'
  | 'otherAssessor'
  | 'candidate'
  | 'otherCandidate';

/**
 * Real rows of centre A for every route of the access matrix. The manager, the assessor and the
 * candidate own or are assigned to them; the other manager (centre B), the other assessor (of
 * centre A, accredited for the card, assigned to nothing) and the other candidate (with an
 * application of their own at centre A) are not.
 */
export interface AccessFixture {
  centreId: string;
  standardId: string;
  /** A card centre A is accredited for, besides the examined one: the candidate's draft application's. */
  cardId: string;
  /** The card of the exam day (its program, sessions, decisions). */
  examCardId: string;
  accreditationId: string;
  managerId: string;
  candidateId: string;
  assessorId: string;
  /** The assessor's partner in the exam session. */
  secondAssessorId: string;
  /** An assessor of centre A whose status the admin sets. */
  staffUserId: string;
  /** The exam day's active program. */
  programId: string;
  /** A draft program of centre A (secondCardId), with a task, and a skill and ability of its card. */
  draftProgramId: string;
  taskId: string;
  draftSkillId: string;
  draftAbilityId: string;
  questionId: string;
  /** Not recommended for recognition, of cardId. */
  skillId: string;
  /** Recommended for recognition, of cardId: the candidate's claims. */
  recommendedSkillId: string;
  /** The candidate's draft recognition application (cardId). */
  applicationId: string;
  withdrawnApplicationId: string;
  /** The candidate's application refused admission (thirdCardId). */
  refusedApplicationId: string;
  /** Another candidate's application refused admission, for the manager's override. */
  overridableApplicationId: string;
  /** The candidate's application awaiting the centre's document check. */
  checkedApplicationId: string;
  /** An evidence file of the candidate's that is the document of no record. */
  evidenceId: string;
  /** A file of the candidate's that the records the matrix adds or changes name as their document. */
  spareFileId: string;
  /** An education record of the candidate's, and its document, for the document check. */
  recordId: string;
  recordDocumentId: string;
  educationId: string;
  employmentId: string;
  learningId: string;
  /** Records the candidate deletes. */
  spareEducationId: string;
  spareEmploymentId: string;
  spareLearningId: string;
  conflictId: string;
  assessorAccreditationId: string;
  /** The exam session: the assessor sits it, the candidate is enrolled in it. */
  sessionId: string;
  enrolmentId: string;
  theoryTestId: string;
  theoryPosition: number;
  theoryOptionId: string;
  examSkillId: string;
  examAbilityId: string;
  /** Another candidate's enrolment in the session, before their test. */
  withdrawableEnrolmentId: string;
  /** Another candidate's eligible application, not yet enrolled. */
  enrollableApplicationId: string;
  /** An evidence review assigned to the assessor. */
  reviewId: string;
  /** Another candidate's recognition application with a claim, no reviewer yet. */
  reviewableApplicationId: string;
  decisionToApproveId: string;
  decisionToReturnId: string;
  /** The candidate's partial decision, signed; the panel the assessor sits on hears its appeal. */
  appealedApplicationId: string;
  appealedDecisionId: string;
  contestedSkillId: string;
  /** Lodged by a row of the matrix (captured from its answer). */
  appealId: string;
  panelAssessorIds: string[];
  /** The candidate's certificate, of an application the assessor examined. */
  certificateApplicationId: string;
  certificateId: string;
  certificateNumber: string;
  certificateCode: string;
  notificationId: string;
}

export interface BuiltFixture {
  fixture: AccessFixture;
  tokens: Partial<Record<Caller, string>>;
}

export async function buildAccessFixture(ctx: TestContext): Promise<BuiltFixture> {
  const server = ctx.app.getHttpServer();
  const sql = (text: string, params: unknown[] = []) => ctx.dataSource.query(text, params);
  const day = await prepareExamDay(ctx);
  const { admin, manager, centreId } = day;
  const [assessor, secondAssessor] = day.assessors;
  const panelMate = await accreditedAssessor(ctx, day);
  const otherSessionAssessor = await accreditedAssessor(ctx, day);
  const otherAssessor = await accreditedAssessor(ctx, day);
  const otherCentre = await newCentre(ctx, admin);
  const otherManager = await newSession(ctx, 'centre_manager', [otherCentre.id]);
  const candidate = await newCandidate(ctx);
  const otherCandidate = await newCandidate(ctx, '1990-07-02', 'male');

  // Two more cards of the standard for the candidate's applications outside the exam.
  const [{ standard_id: standardId }] = await sql(
    'SELECT v.standard_id FROM profession_card c JOIN standard_version v ON v.id = c.standard_version_id WHERE c.id = $1',
    [day.cardId],
  );
  const cards = (await request(server).get(`/api/v1/standards/${standardId}/cards?limit=100`).expect(200)).body
    .items as { id: string }[];
  const [cardId, secondCardId, thirdCardId] = cards.map((c) => c.id).filter((id) => id !== day.cardId);
  const accreditation = await request(server)
    .post(`/api/v1/centres/${centreId}/accreditations`)
    .set(...bearer(admin))
    .send({
      cardIds: [cardId, secondCardId, thirdCardId],
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
      documentRef: '№ 2',
    })
    .expect(201);
  const card = (await request(server).get(`/api/v1/cards/${cardId}`).expect(200)).body;
  const cardSkills: { id: string; recognition: string }[] = card.functions.flatMap(
    (f: { skills: { id: string; recognition: string }[] }) => f.skills,
  );
  const skillId = cardSkills.find((s) => s.recognition === 'not_recommended')?.id as string;
  const recommendedSkillId = cardSkills.find((s) => s.recognition === 'recommended')?.id as string;

  // The candidate's own rows outside the exam.
  const application = await request(server)
    .post('/api/v1/applications')
    .set(...bearer(candidate))
    .send({ centreId, cardId, pathway: 'recognition' })
    .expect(201);
  const withdrawn = await request(server)
    .post('/api/v1/applications')
    .set(...bearer(candidate))
    .send({ centreId, cardId: secondCardId, pathway: 'assessment' })
    .expect(201);
  await request(server)
    .post(`/api/v1/applications/${withdrawn.body.id}/withdraw`)
    .set(...bearer(candidate))
    .expect(200);
  const evidence = await uploadEvidence(ctx, candidate, 'сертификат курса');
  const spareFile = await uploadEvidence(ctx, candidate, 'справка');
  const checkedRecord = await addEducation(ctx, candidate, { level: 'higher', institution: 'КазНУ' });
  const education = await addEducation(ctx, candidate, { level: 'higher', institution: 'ЕНУ' });
  const employment = await addEmployment(ctx, candidate, { field: 'call_centre', startDate: '2020-01-01' });
  const learning = await addLearning(ctx, candidate);
  const spareEducation = await addEducation(ctx, candidate, { level: 'tvet_worker' });
  const spareEmployment = await addEmployment(ctx, candidate, { field: 'other', startDate: '2010-01-01' });
  const spareLearning = await addLearning(ctx, candidate, { title: 'Курс продаж' });
  const checked = await request(server)
    .post('/api/v1/applications')
    .set(...bearer(candidate))
    .send({ centreId, cardId: secondCardId, pathway: 'assessment' })
    .expect(201);
  // No worker runs here: the application is put where the worker would put it after a submission.
  await sql("UPDATE application SET status = 'awaiting_documents', submission = 1 WHERE id = $1", [checked.body.id]);

  // The candidate's application refused admission today, as the worker's check leaves it.
  const refused = await request(server)
    .post('/api/v1/applications')
    .set(...bearer(candidate))
    .send({ centreId, cardId: thirdCardId, pathway: 'assessment' })
    .expect(201);
  await sql(
    "UPDATE application SET status = 'ineligible', submission = 1, eligibility_checked_at = now() WHERE id = $1",
    [refused.body.id],
  );

  // The other candidate applies at centre A too: a candidate of the same centre reaches nothing of this one.
  await eligibleApplicationFor(ctx, day, otherCandidate.id);

  const staffUser = await newUser(ctx, 'assessor', [centreId]);
  const conflict = await request(server)
    .post('/api/v1/assessors/me/conflicts')
    .set(...bearer(assessor))
    .send({ kind: 'employer', employer: 'ТОО «Жетысу Телеком»', reason: 'Работал там до 2019 года' })
    .expect(201);
  const assessorAccreditation = await request(server)
    .post(`/api/v1/assessors/${assessor.id}/accreditations`)
    .set(...bearer(manager))
    .send({ cardIds: [secondCardId], validFrom: '2020-01-01', validTo: '2099-12-31' })
    .expect(201);
  const draftProgram = await request(server)
    .post(`/api/v1/centres/${centreId}/programs`)
    .set(...bearer(manager))
    .send({ cardId: secondCardId })
    .expect(201);
  const secondCard = (await request(server).get(`/api/v1/cards/${secondCardId}`).expect(200)).body;
  const draftSkill = secondCard.functions[0].skills[0] as { id: string; abilities: { id: string }[] };
  const task = await request(server)
    .post(`/api/v1/programs/${draftProgram.body.id}/tasks`)
    .set(...bearer(manager))
    .send({ skillId: draftSkill.id, text: 'Задание, которое удалят', abilityIds: [draftSkill.abilities[0].id] })
    .expect(201);
  const question = await request(server)
    .post(`/api/v1/centres/${centreId}/questions`)
    .set(...bearer(admin))
    .send({
      cardId,
      skillId,
      type: 'single',
      text: 'Вопрос для матрицы доступа',
      options: ['да', 'нет'],
      correctOptions: [0],
    })
    .expect(201);

  const decisions = ctx.app.get(DecisionsService);
  const enrol = async (sessionId: string, applicationId: string) =>
    (
      await request(server)
        .post(`/api/v1/sessions/${sessionId}/enrolments`)
        .set(...bearer(manager))
        .send({ applicationId })
        .expect(201)
    ).body as { id: string; examinedSkillIds: string[] };
  /** Examined in a session of its own by the given assessors; the decision computed, not signed. */
  const decided = async (owner: TestSession, applicationId: string, by: TestSession[], failed: string[]) => {
    const panelDay: ExamDay = { ...day, assessors: by };
    const session = await scheduleSession(ctx, panelDay);
    await examine(ctx, panelDay, owner, await enrol(session.id, applicationId), failed);
    await decisions.compute(applicationId);
    const [decision] = await sql("SELECT id FROM decision WHERE application_id = $1 AND status = 'pending_signoff'", [
      applicationId,
    ]);
    return decision.id as string;
  };
  const approve = (decisionId: string) =>
    request(server)
      .post(`/api/v1/decisions/${decisionId}/approve`)
      .set(...bearer(manager))
      .expect(200);

  // The candidate's partial decision, examined by assessors other than the assessor, who may
  // therefore sit on the panel of its appeal.
  const failedSkill = day.mandatory[0].id;
  const appealedApplicationId = await eligibleApplicationFor(ctx, day, candidate.id);
  const appealedDecisionId = await decided(
    candidate,
    appealedApplicationId,
    [secondAssessor, otherSessionAssessor],
    [failedSkill],
  );
  await approve(appealedDecisionId);

  // The candidate's certificate, examined by the assessor.
  const certificateApplicationId = await eligibleApplicationFor(ctx, day, candidate.id);
  const awarded = await decided(candidate, certificateApplicationId, [assessor, secondAssessor], []);
  await approve(awarded);
  await ctx.app.get(CertificateIssuer).issue(awarded);
  const [certificate] = await sql('SELECT id, number, verification_code FROM certificate WHERE application_id = $1', [
    certificateApplicationId,
  ]);

  // Two decisions of other candidates awaiting sign-off.
  const others = await eligibleApplications(ctx, day, 5);
  await sql("UPDATE application SET status = 'ineligible', eligibility_checked_at = now() WHERE id = $1", [
    others[4].applicationId,
  ]);
  const signIn = (i: number) => login(server, others[i].candidate);
  const decisionToApproveId = await decided(await signIn(0), others[0].applicationId, day.assessors, []);
  const decisionToReturnId = await decided(await signIn(1), others[1].applicationId, day.assessors, []);

  // The exam under way: the candidate's test started, the assessor's verdicts recorded, unsigned.
  const session = await scheduleSession(ctx, day);
  const examApplicationId = await eligibleApplicationFor(ctx, day, candidate.id);
  const enrolment = await enrol(session.id, examApplicationId);
  const withdrawable = await enrol(session.id, others[2].applicationId);
  const test = (
    await request(server)
      .post(`/api/v1/enrolments/${enrolment.id}/theory-test`)
      .set(...bearer(candidate))
      .expect(200)
  ).body as { id: string; items: { position: number; options: { id: string }[] }[] };
  const examSkillId = enrolment.examinedSkillIds[0];
  const examAbilityId = day.skills.find((s) => s.id === examSkillId)?.abilities[0].id as string;
  for (const id of enrolment.examinedSkillIds) {
    await request(server)
      .put(`/api/v1/enrolments/${enrolment.id}/practical/${id}`)
      .set(...bearer(assessor))
      .send({
        verdict: 'competent',
        abilitiesObserved: [day.skills.find((s) => s.id === id)?.abilities[0].id],
        comment: 'Наблюдение',
      })
      .expect(200);
  }

  // Evidence reviews: one assigned to the assessor, one application awaiting its reviewer.
  const recognition = async (owner: string) => {
    const id = await eligibleApplicationFor(ctx, day, owner);
    const reviewed = day.skills.find((s) => s.recognition === 'recommended') as { id: string };
    await sql("UPDATE application SET pathway = 'recognition' WHERE id = $1", [id]);
    await sql(
      `WITH file AS (
         INSERT INTO evidence_file (id, candidate_id, sha256, size_bytes, mime, file_name, storage_key, type, issuer, issue_date)
         VALUES (gen_random_uuid(), $1::uuid, md5(random()::text) || md5(random()::text), 1000, 'application/pdf',
                 'reference.pdf', 'evidence/' || $1::text || '/' || gen_random_uuid(), 'employer_reference', 'ТОО',
                 date '2024-01-01')
         RETURNING id)
       INSERT INTO evidence_claim (application_id, evidence_id, skill_id) SELECT $2, file.id, $3 FROM file`,
      [owner, id, reviewed.id],
    );
    return id;
  };
  const reviewed = await recognition((await newUser(ctx, 'candidate')).id);
  const reviews = await request(server)
    .post(`/api/v1/applications/${reviewed}/evidence-reviews`)
    .set(...bearer(manager))
    .send({ assessorId: assessor.id })
    .expect(201);
  const reviewableApplicationId = await recognition((await newUser(ctx, 'candidate')).id);

  // A notification of the candidate's, as the worker would write it.
  const notificationId = randomUUID();
  await sql(
    `INSERT INTO notification (id, user_id, event_id, kind, subject_id, application_id, title)
     VALUES ($1, $2, (SELECT COALESCE(MAX(event_id), 0) + 1000000 FROM notification), 'decision.approved', $3, $4, 'Решение подписано')`,
    [notificationId, candidate.id, awarded, certificateApplicationId],
  );

  const tokens: Partial<Record<Caller, string>> = {
    admin: admin.accessToken,
    manager: manager.accessToken,
    otherManager: otherManager.accessToken,
    assessor: assessor.accessToken,
    otherAssessor: otherAssessor.accessToken,
    candidate: candidate.accessToken,
    otherCandidate: otherCandidate.accessToken,
  };
  const disabledUser = await newUser(ctx, 'assessor', [centreId]);
  const disabled = await login(server, disabledUser);
  await request(server)
    .patch(`/api/v1/users/${disabledUser.id}/status`)
    .set(...bearer(admin))
    .send({ status: 'disabled' })
    .expect(200);
  tokens.disabled = disabled.accessToken;
  // Signed with the right key, but expired an hour ago.
  tokens.expired = ctx.app.get(JwtService).sign({ sub: admin.id, role: 'admin', sv: 0 }, { expiresIn: -3600 });

  return {
    tokens,
    fixture: {
      centreId,
      standardId,
      cardId,
      examCardId: day.cardId,
      accreditationId: accreditation.body.find((a: { cardId: string }) => a.cardId === cardId).id,
      managerId: manager.id,
      candidateId: candidate.id,
      assessorId: assessor.id,
      secondAssessorId: secondAssessor.id,
      staffUserId: staffUser.id,
      programId: day.programId,
      draftProgramId: draftProgram.body.id,
      taskId: task.body.tasks.find((t: { skillId: string }) => t.skillId === draftSkill.id).id,
      draftSkillId: draftSkill.id,
      draftAbilityId: draftSkill.abilities[0].id,
      questionId: question.body.id,
      skillId,
      recommendedSkillId,
      applicationId: application.body.id,
      withdrawnApplicationId: withdrawn.body.id,
      refusedApplicationId: refused.body.id,
      overridableApplicationId: others[4].applicationId,
      checkedApplicationId: checked.body.id,
      evidenceId: evidence.id,
      spareFileId: spareFile.id,
      recordId: checkedRecord.id,
      recordDocumentId: checkedRecord.documentId as string,
      educationId: education.id,
      employmentId: employment.id,
      learningId: learning.id,
      spareEducationId: spareEducation.id,
      spareEmploymentId: spareEmployment.id,
      spareLearningId: spareLearning.id,
      conflictId: conflict.body.id,
      assessorAccreditationId: assessorAccreditation.body.accreditations.find(
        (a: { cardId: string }) => a.cardId === secondCardId,
      ).id,
      sessionId: session.id,
      enrolmentId: enrolment.id,
      theoryTestId: test.id,
      theoryPosition: test.items[0].position,
      theoryOptionId: test.items[0].options[0].id,
      examSkillId,
      examAbilityId,
      withdrawableEnrolmentId: withdrawable.id,
      enrollableApplicationId: others[3].applicationId,
      reviewId: reviews.body[0].id,
      reviewableApplicationId,
      decisionToApproveId,
      decisionToReturnId,
      appealedApplicationId,
      appealedDecisionId,
      contestedSkillId: failedSkill,
      appealId: '',
      panelAssessorIds: [assessor.id, panelMate.id],
      certificateApplicationId,
      certificateId: certificate.id,
      certificateNumber: certificate.number,
      certificateCode: certificate.verification_code,
      notificationId,
    },
  };
}
