import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { QuestionEntity, QuestionVersionEntity } from './program.entities';

/** What a centre's item bank is filtered by. */
export interface QuestionFilter {
  cardId: string;
  skillId?: string;
  status?: QuestionEntity['status'];
}

/** The item bank's queries (questions and their versions). */
@Injectable()
export class QuestionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(id: string): Promise<QuestionEntity | null> {
    return this.dataSource.getRepository(QuestionEntity).findOne({ where: { id } });
  }

  lock(manager: EntityManager, id: string): Promise<QuestionEntity> {
    return manager.findOneOrFail(QuestionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** A centre's questions for a card, skill by skill, oldest first. */
  list(centreId: string, filter: QuestionFilter): Promise<QuestionEntity[]> {
    return this.dataSource.getRepository(QuestionEntity).find({
      where: {
        centreId,
        cardId: filter.cardId,
        ...(filter.skillId ? { skillId: filter.skillId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { skillId: 'ASC', createdAt: 'ASC' },
    });
  }

  /** The current version of each question named; inside a transaction pass its manager. */
  currentVersions(
    questionIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<QuestionVersionEntity[]> {
    if (questionIds.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(QuestionVersionEntity, 'v')
      .innerJoin(QuestionEntity, 'q', 'q.id = v.question_id AND q.current_version = v.version')
      .where('v.question_id IN (:...ids)', { ids: questionIds })
      .getMany();
  }

  /** The versions named (unknown ids are left out). */
  versions(manager: EntityManager, ids: string[]): Promise<QuestionVersionEntity[]> {
    return manager.find(QuestionVersionEntity, { where: { id: In(ids) } });
  }

  /** A centre's active questions for the card on the skills named. */
  activeQuestions(
    manager: EntityManager,
    centreId: string,
    cardId: string,
    skillIds: string[],
  ): Promise<QuestionEntity[]> {
    return manager.find(QuestionEntity, { where: { centreId, cardId, status: 'active', skillId: In(skillIds) } });
  }

  /** How many active questions a centre's bank holds for each skill of the card that has any. */
  async activeCountsBySkill(manager: EntityManager, centreId: string, cardId: string): Promise<Record<string, number>> {
    const rows = await manager.query<{ skill_id: string; n: number }[]>(
      `SELECT skill_id, COUNT(*)::int AS n FROM question WHERE centre_id = $1 AND card_id = $2 AND status = 'active' GROUP BY skill_id`,
      [centreId, cardId],
    );
    return Object.fromEntries(rows.map((r) => [r.skill_id, r.n]));
  }

  version(manager: EntityManager, questionId: string, version: number): Promise<QuestionVersionEntity> {
    return manager.findOneOrFail(QuestionVersionEntity, { where: { questionId, version } });
  }

  async insert(
    manager: EntityManager,
    questions: Omit<QuestionEntity, 'createdAt' | 'updatedAt'>[],
    versions: QuestionVersionEntity[],
  ): Promise<void> {
    await manager.insert(QuestionEntity, questions);
    await manager.insert(QuestionVersionEntity, versions);
  }

  /** Adds a version and makes it the question's current one. */
  async revise(manager: EntityManager, version: QuestionVersionEntity): Promise<void> {
    await manager.insert(QuestionVersionEntity, version);
    await manager.update(QuestionEntity, { id: version.questionId }, { currentVersion: version.version });
  }

  async retire(manager: EntityManager, id: string): Promise<void> {
    await manager.update(QuestionEntity, { id }, { status: 'retired' });
  }
}
