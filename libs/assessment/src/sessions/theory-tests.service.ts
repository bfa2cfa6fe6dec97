import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, toAuditActor } from '@qualcert/identity';
import { AuditService, DomainException, OutboxService, SYSTEM_ACTOR, fieldFault } from '@qualcert/shared';
import type { QuestionEntity, QuestionVersionEntity } from '../programs/program.entities';
import { QuestionsRepository } from '../programs/questions.repository';
import { ProgressService } from '../results/progress.service';
import { authorOptionIds, labelOptions } from '../rules/option-labels';
import { scoreTest } from '../rules/scoring';
import { assembleTest } from '../rules/test-assembly';
import type { TheoryTestEntity } from './session.entities';
import type { TheoryTestDto } from './sessions.dto';
import { SessionsRepository } from './sessions.repository';
import { TheoryTestsRepository } from './theory-tests.repository';

// Live tests draw from the operating system's randomness; seeded draws are for tests of the rule.
const cryptoRandom = (): number => randomInt(0, 2 ** 32) / 2 ** 32;
// An option's label: 48 random bits, so a test's labels say nothing and never repeat in practice.
const cryptoLabel = (): string => randomBytes(6).toString('hex');

/**
 * The computer-based theory test: assembled when the candidate starts it, timed by the server,
 * answers saved one at a time, submitted by the candidate or at the deadline by a queued job.
 */
@Injectable()
export class TheoryTestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: TheoryTestsRepository,
    private readonly sessions: SessionsRepository,
    private readonly questions: QuestionsRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly progress: ProgressService,
  ) {}

  async start(actor: Actor, enrolmentId: string, now = new Date()): Promise<TheoryTestDto> {
    const testId = await this.dataSource.transaction(async (manager) => {
      const enrolment = await this.sessions.lockEnrolmentOf(manager, enrolmentId, actor.userId);
      if (!enrolment || enrolment.status !== 'enrolled') throw DomainException.notFound('Enrolment', enrolmentId);
      const existing = await this.repository.ofEnrolment(manager, enrolmentId);
      if (existing) return existing.id;
      const session = await this.sessions.getSession(enrolment.sessionId, manager);
      if (session.status !== 'scheduled' || now < session.startsAt || now >= session.endsAt) {
        throw new DomainException('SESSION_NOT_OPEN', 'The theory test can be started only during the session', {
          startsAt: session.startsAt,
          endsAt: session.endsAt,
        });
      }
      const program = await this.sessions.getProgram(manager, session.programId);
      const bank = await this.activeBank(manager, session.centreId, session.cardId, enrolment.examinedSkillIds);
      const assembled = assembleTest(bank, enrolment.examinedSkillIds, program.questionsPerSkill, cryptoRandom);
      if (!assembled.ok) {
        throw new DomainException(
          'NOT_ENOUGH_QUESTIONS',
          'The item bank does not hold enough active questions for every examined skill',
          { short: assembled.short },
        );
      }
      const deadline = new Date(Math.min(now.getTime() + program.timeLimitMinutes * 60_000, session.endsAt.getTime()));
      const id = randomUUID();
      const labels = labelOptions(
        assembled.items.map((item) => item.optionOrder),
        cryptoLabel,
      );
      await this.repository.insert(
        manager,
        {
          id,
          enrolmentId,
          candidateId: actor.userId,
          status: 'in_progress',
          startedAt: now,
          deadlineAt: deadline,
          submittedAt: null,
          submittedBy: null,
          score: null,
        },
        assembled.items.map((item, i) => ({
          id: randomUUID(),
          testId: id,
          position: i + 1,
          questionVersionId: item.questionVersionId,
          skillId: item.skillId,
          optionOrder: item.optionOrder,
          optionLabels: labels[i],
          answerOptionIds: null,
          answeredAt: null,
        })),
      );
      // The deadline is enforced by a job even if nobody calls the API again.
      await this.outbox.publish(manager, 'theory_test.started', { testId: id, deadlineAt: deadline.toISOString() });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'theory_test.started',
        entityType: 'theory_test',
        entityId: id,
        after: { enrolmentId, deadlineAt: deadline.toISOString(), items: assembled.items.length },
      });
      return id;
    });
    return this.view(actor, testId);
  }

  /** Saves one answer; the last save before the deadline wins, and every save after it is refused. */
  /**
   * The hottest write of an exam day. One statement saves the answer when everything holds: the
   * test is the candidate's, still open by the database's clock, and every option is one of the
   * item's labels. Only when it saves nothing are the facts read one by one, to say which one failed
   * (docs/PERFORMANCE.md).
   */
  async saveAnswer(actor: Actor, testId: string, position: number, optionIds: string[]): Promise<void> {
    const answer = JSON.stringify([...new Set(optionIds)].sort());
    if (await this.repository.saveAnswer(testId, position, actor.userId, answer)) return;
    const test = await this.ownTest(actor, testId);
    const closed = () =>
      new DomainException(
        'TEST_CLOSED',
        test.status === 'submitted' ? 'The test is submitted' : 'The time for the test is over',
        { deadlineAt: test.deadlineAt, status: test.status },
      );
    if (test.status !== 'in_progress' || new Date() >= test.deadlineAt) throw closed();
    const item = await this.repository.item(testId, position);
    if (!item) throw DomainException.notFound('TestItem', String(position));
    const unknown = optionIds.filter((o) => !item.optionLabels.includes(o));
    if (unknown.length > 0)
      throw DomainException.validation([
        { field: 'optionIds', messages: unknown.map((o) => fieldFault('field:notOption', { id: o })) },
      ]);
    // Everything held when read again: the deadline passed between the two reads.
    throw closed();
  }

  async submit(actor: Actor, testId: string): Promise<TheoryTestDto> {
    await this.ownTest(actor, testId);
    await this.dataSource.transaction((manager) => this.close(manager, testId, 'candidate', toAuditActor(actor)));
    return this.view(actor, testId);
  }

  /** Run by the worker at the deadline; does nothing for a test already submitted or not yet due. */
  async submitAtDeadline(testId: string, now = new Date()): Promise<'submitted' | 'skipped' | 'not_due'> {
    return this.dataSource.transaction(async (manager) => {
      const test = await this.repository.lock(manager, testId);
      if (!test || test.status !== 'in_progress') return 'skipped';
      if (now < test.deadlineAt) return 'not_due';
      await this.close(manager, testId, 'deadline', SYSTEM_ACTOR);
      return 'submitted';
    });
  }

  /** Tests past their deadline: a safety net under the delayed jobs. */
  async overdue(now = new Date()): Promise<string[]> {
    return this.repository.overdue(now, 100);
  }

  async view(actor: Actor, testId: string, now = new Date()): Promise<TheoryTestDto> {
    const test = await this.ownTest(actor, testId);
    const items = await this.repository.items(testId);
    const versions = await this.questions.versions(
      this.dataSource.manager,
      items.map((i) => i.questionVersionId),
    );
    return {
      id: test.id,
      enrolmentId: test.enrolmentId,
      status: test.status,
      startedAt: test.startedAt,
      deadlineAt: test.deadlineAt,
      secondsLeft:
        test.status === 'in_progress' ? Math.max(0, Math.floor((test.deadlineAt.getTime() - now.getTime()) / 1000)) : 0,
      submittedAt: test.submittedAt,
      submittedBy: test.submittedBy,
      items: items.map((item) => {
        const v = versions.find((x) => x.id === item.questionVersionId) as QuestionVersionEntity;
        return {
          position: item.position,
          skillId: item.skillId,
          type: v.type,
          text: v.text,
          options: item.optionOrder.map((author, i) => ({
            id: item.optionLabels[i],
            text: v.options.find((o) => o.id === author)?.text ?? '',
          })),
          answer: item.answerOptionIds,
        };
      }),
      score: test.score,
    };
  }

  private async close(
    manager: EntityManager,
    testId: string,
    by: 'candidate' | 'deadline',
    actor: { userId: string | null; role: string },
  ): Promise<void> {
    const test = await this.repository.lock(manager, testId);
    if (!test) throw DomainException.notFound('TheoryTest', testId);
    if (test.status === 'submitted') {
      if (by === 'candidate')
        throw new DomainException('TEST_CLOSED', 'The test is already submitted', { status: test.status });
      return;
    }
    const items = await this.repository.items(testId, manager);
    const versions = await this.questions.versions(
      manager,
      items.map((i) => i.questionVersionId),
    );
    const score = scoreTest(
      items
        .sort((a, b) => a.position - b.position)
        .map((item) => {
          const v = versions.find((x) => x.id === item.questionVersionId) as QuestionVersionEntity;
          return {
            skillId: item.skillId,
            type: v.type,
            correctOptionIds: v.correctOptionIds,
            answerOptionIds: authorOptionIds(item.optionLabels, item.optionOrder, item.answerOptionIds),
          };
        }),
    );
    const submittedAt = new Date();
    await this.repository.submit(manager, testId, { submittedAt, submittedBy: by, score });
    await this.audit.record(manager, {
      actor,
      action: 'theory_test.submitted',
      entityType: 'theory_test',
      entityId: testId,
      after: { submittedBy: by, score },
    });
    // The theory part may be the last outcome the application was waiting for.
    const enrolment = await this.sessions.getEnrolment(manager, test.enrolmentId);
    await this.progress.handOverIfComplete(manager, enrolment.applicationId, actor);
  }

  private async activeBank(manager: EntityManager, centreId: string, cardId: string, skillIds: string[]) {
    if (skillIds.length === 0) return [];
    const questions = await this.questions.activeQuestions(manager, centreId, cardId, skillIds);
    if (questions.length === 0) return [];
    const versions = await this.questions.currentVersions(
      questions.map((q) => q.id),
      manager,
    );
    return versions.map((v) => ({
      questionVersionId: v.id,
      skillId: (questions.find((q) => q.id === v.questionId) as QuestionEntity).skillId,
      optionIds: v.options.map((o) => o.id),
    }));
  }

  private async ownTest(actor: Actor, testId: string): Promise<TheoryTestEntity> {
    const test = await this.repository.find(testId);
    if (!test || test.candidateId !== actor.userId) throw DomainException.notFound('TheoryTest', testId);
    return test;
  }
}
