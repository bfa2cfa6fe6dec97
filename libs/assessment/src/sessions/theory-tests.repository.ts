import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import { preparedQuery } from '@qualcert/shared';
import { TheoryTestEntity, TheoryTestItemEntity } from './session.entities';

/** A test's columns as it starts. */
export type NewTheoryTest = Omit<TheoryTestEntity, 'enrolment'>;
/** An item's columns as its test starts. */
export type NewTestItem = Omit<TheoryTestItemEntity, 'test' | 'questionVersion'>;
/** What submitting a test writes. */
export type Submission = Pick<TheoryTestEntity, 'submittedAt' | 'submittedBy' | 'score'>;

/** The theory tests' queries: tests and their items. */
@Injectable()
export class TheoryTestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The hottest write of an exam day, one named prepared statement (docs/PERFORMANCE.md): saves the
   * answer (a JSON array of labels) only when the test is the candidate's, still open by the
   * database's clock, and every option is one of the item's labels. False when it saved nothing.
   */
  async saveAnswer(testId: string, position: number, candidateId: string, answer: string): Promise<boolean> {
    const saved = await preparedQuery<{ id: string }>(
      this.dataSource,
      'theory_answer_save',
      `UPDATE theory_test_item i SET answer_option_ids = $1::jsonb, answered_at = now()
         FROM theory_test t
        WHERE i.test_id = $2 AND i.position = $3 AND i.option_labels @> $1::jsonb
          AND t.id = i.test_id AND t.candidate_id = $4 AND t.status = 'in_progress' AND t.deadline_at > now()
        RETURNING i.id`,
      [answer, testId, position, candidateId],
    );
    return saved.length > 0;
  }

  find(id: string): Promise<TheoryTestEntity | null> {
    return this.dataSource.getRepository(TheoryTestEntity).findOne({ where: { id } });
  }

  /** The test locked (FOR UPDATE); null when there is none. */
  lock(manager: EntityManager, id: string): Promise<TheoryTestEntity | null> {
    return manager.findOne(TheoryTestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  ofEnrolment(manager: EntityManager, enrolmentId: string): Promise<TheoryTestEntity | null> {
    return manager.findOne(TheoryTestEntity, { where: { enrolmentId } });
  }

  async insert(manager: EntityManager, test: NewTheoryTest, items: NewTestItem[]): Promise<void> {
    await manager.insert(TheoryTestEntity, test);
    await manager.insert(TheoryTestItemEntity, items);
  }

  item(testId: string, position: number): Promise<TheoryTestItemEntity | null> {
    return this.dataSource.getRepository(TheoryTestItemEntity).findOne({ where: { testId, position } });
  }

  /** The test's items by position; inside a transaction pass its manager. */
  items(testId: string, manager: EntityManager = this.dataSource.manager): Promise<TheoryTestItemEntity[]> {
    return manager.find(TheoryTestItemEntity, { where: { testId }, order: { position: 'ASC' } });
  }

  async submit(manager: EntityManager, id: string, submission: Submission): Promise<void> {
    await manager.update(TheoryTestEntity, { id }, { status: 'submitted', ...submission });
  }

  /** Up to `limit` tests still in progress whose deadline has come. */
  async overdue(now: Date, limit: number): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(TheoryTestEntity)
      .find({ where: { status: 'in_progress', deadlineAt: LessThanOrEqual(now) }, select: { id: true }, take: limit });
    return rows.map((r) => r.id);
  }
}
