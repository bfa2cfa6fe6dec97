import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PracticalTaskEntity, QualificationProgramEntity, type ProgramStatus } from './program.entities';

/** A program version's columns; the settings left out take their defaults. */
export type NewProgram = Pick<
  QualificationProgramEntity,
  'id' | 'centreId' | 'cardId' | 'standardVersionId' | 'version' | 'status'
> &
  Partial<QualificationProgramEntity>;
/** A practical task's columns. */
export type NewTask = Pick<PracticalTaskEntity, 'id' | 'programId' | 'skillId' | 'text' | 'abilityIds'>;

/** The program tables' queries: program versions and their practical tasks. */
@Injectable()
export class ProgramsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(id: string): Promise<QualificationProgramEntity | null> {
    return this.dataSource.getRepository(QualificationProgramEntity).findOne({ where: { id } });
  }

  /** A centre's program versions, card by card, the newest version first. */
  ofCentre(centreId: string): Promise<QualificationProgramEntity[]> {
    return this.dataSource
      .getRepository(QualificationProgramEntity)
      .find({ where: { centreId }, order: { cardId: 'ASC', version: 'DESC' } });
  }

  /** Whether the centre has a program for the card, in any version. */
  exists(manager: EntityManager, centreId: string, cardId: string): Promise<boolean> {
    return manager.exists(QualificationProgramEntity, { where: { centreId, cardId } });
  }

  /** The centre's version of the program for the card in that status (one draft and one active at most). */
  inStatus(
    manager: EntityManager,
    centreId: string,
    cardId: string,
    status: Exclude<ProgramStatus, 'superseded'>,
  ): Promise<QualificationProgramEntity | null> {
    return manager.findOne(QualificationProgramEntity, { where: { centreId, cardId, status } });
  }

  /** The program locked (FOR UPDATE); null when there is none. */
  lock(manager: EntityManager, id: string): Promise<QualificationProgramEntity | null> {
    return manager.findOne(QualificationProgramEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(manager: EntityManager, program: NewProgram): Promise<void> {
    await manager.insert(QualificationProgramEntity, program);
  }

  async update(manager: EntityManager, id: string, changes: Partial<QualificationProgramEntity>): Promise<void> {
    await manager.update(QualificationProgramEntity, { id }, changes);
  }

  /** The program's tasks, the oldest first. */
  tasks(manager: EntityManager, programId: string): Promise<PracticalTaskEntity[]> {
    return manager.find(PracticalTaskEntity, { where: { programId }, order: { createdAt: 'ASC' } });
  }

  findTask(manager: EntityManager, id: string, programId: string): Promise<PracticalTaskEntity | null> {
    return manager.findOne(PracticalTaskEntity, { where: { id, programId } });
  }

  async insertTask(manager: EntityManager, task: NewTask): Promise<void> {
    await manager.insert(PracticalTaskEntity, task);
  }

  async deleteTask(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(PracticalTaskEntity, { id });
  }

  /** Copies the tasks of one program version to another, each under a new id. */
  async copyTasks(manager: EntityManager, fromProgramId: string, toProgramId: string): Promise<void> {
    const tasks = await manager.find(PracticalTaskEntity, { where: { programId: fromProgramId } });
    if (tasks.length === 0) return;
    await manager.insert(
      PracticalTaskEntity,
      tasks.map((t) => ({
        id: randomUUID(),
        programId: toProgramId,
        skillId: t.skillId,
        text: t.text,
        abilityIds: t.abilityIds,
      })),
    );
  }

  /** How many practical tasks the program holds for each skill that has any. */
  async tasksBySkill(manager: EntityManager, programId: string): Promise<Record<string, number>> {
    const rows = await manager.query<{ skill_id: string; n: number }[]>(
      'SELECT skill_id, COUNT(*)::int AS n FROM practical_task WHERE program_id = $1 GROUP BY skill_id',
      [programId],
    );
    return Object.fromEntries(rows.map((r) => [r.skill_id, r.n]));
  }
}
