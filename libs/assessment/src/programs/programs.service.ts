import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, Actor, Permission, toAuditActor } from '@qualcert/identity';
import {
  AuditService,
  DomainException,
  errorMessage,
  isUniqueViolation,
  fieldError,
  fieldFault,
  type ExplanationCode,
  type MessageParams,
} from '@qualcert/shared';
import {
  additionalFunctionIds,
  assessedSkills,
  type CardOutline,
  CardOutlineReader,
  findCard,
  skillAbilities,
} from '@qualcert/standards';
import { holdsAccreditation } from '@qualcert/centres';
import { programReadiness } from '../rules/program-readiness';
import type { QualificationProgramEntity } from './program.entities';
import { ProgramsRepository } from './programs.repository';
import { QuestionsRepository } from './questions.repository';
import type { CreateProgramDto, CreateTaskDto, ProgramDto, ProgramSettingsDto, ReadinessDto } from './programs.dto';

const SETTINGS = [
  'questionsPerSkill',
  'timeLimitMinutes',
  'passMarkPercent',
  'skillFloorPercent',
  'assessorsPerSession',
  'certificateValidityMonths',
  'creditValidityMonths',
  'appealWindowDays',
  'retakeWaitDays',
  'additionalFunctionIds',
] as const;

function settingsOf(dto: ProgramSettingsDto): Partial<QualificationProgramEntity> {
  const settings: Partial<QualificationProgramEntity> = Object.fromEntries(
    SETTINGS.filter((k) => dto[k] !== undefined).map((k) => [k, dto[k]]),
  );
  if (settings.additionalFunctionIds) settings.additionalFunctionIds = [...new Set(settings.additionalFunctionIds)];
  return settings;
}

/** 400 naming `additionalFunctionIds` when one of them is not an additional function of the card. */
function checkOffered(card: CardOutline, ids: string[] | undefined): void {
  if (!ids || ids.length === 0) return;
  const additional = additionalFunctionIds(card);
  const foreign = ids.filter((id) => !additional.includes(id));
  if (foreign.length > 0) {
    throw DomainException.validation([
      {
        field: 'additionalFunctionIds',
        messages: foreign.map((id) => fieldFault('field:notAdditionalFunction', { id })),
      },
    ]);
  }
}

@Injectable()
export class ProgramsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsRepository,
    private readonly questions: QuestionsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outlines: CardOutlineReader,
  ) {}

  /** A centre's program for a card it is accredited for; version 1, a draft. */
  async create(actor: Actor, centreId: string, dto: CreateProgramDto): Promise<ProgramDto> {
    await this.access.requireAccess(actor, Permission.CentreManageStaff, [centreId], 'Centre');
    const id = randomUUID();
    await this.dataSource
      .transaction(async (manager) => {
        const card = await findCard(manager, dto.cardId);
        if (!card)
          throw new DomainException('NOT_FOUND', `Card ${dto.cardId} was not found`, {
            fields: [fieldError('cardId', 'field:unknownCard')],
          });
        if (!(await holdsAccreditation(manager, centreId, card.id))) {
          throw new DomainException('CENTRE_NOT_ACCREDITED', 'The centre is not accredited for this card', {
            fields: [fieldError('cardId', 'field:notAccredited')],
          });
        }
        checkOffered(await this.outlines.read(card.id, manager), dto.additionalFunctionIds);
        if (await this.programs.exists(manager, centreId, card.id))
          throw new DomainException(
            'PROGRAM_EXISTS',
            'The centre already has a program for this card: change it instead',
            { cardId: card.id },
          );
        await this.programs.insert(manager, {
          id,
          centreId,
          cardId: card.id,
          standardVersionId: card.standardVersionId,
          version: 1,
          status: 'draft',
          ...settingsOf(dto),
        });
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'program.created',
          entityType: 'program',
          entityId: id,
          after: { centreId, cardId: card.id, version: 1, ...settingsOf(dto) },
        });
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'uq_program_version'))
          throw new DomainException('PROGRAM_EXISTS', 'The centre already has a program for this card');
        throw error;
      });
    return this.get(actor, id);
  }

  async list(actor: Actor, centreId: string): Promise<ProgramDto[]> {
    await this.access.requireAccess(actor, Permission.CentreRead, [centreId], 'Centre');
    const programs = await this.programs.ofCentre(centreId);
    return Promise.all(programs.map((p) => this.toDto(this.dataSource.manager, p)));
  }

  async get(actor: Actor, id: string): Promise<ProgramDto> {
    const program = await this.requireProgram(actor, id, Permission.CentreRead);
    return this.toDto(this.dataSource.manager, program);
  }

  /**
   * A draft changes in place. An active program is never changed: the change makes a new draft
   * version (with the same tasks) that replaces it when activated; sessions keep their version.
   */
  async update(actor: Actor, id: string, dto: ProgramSettingsDto): Promise<ProgramDto> {
    await this.requireProgram(actor, id, Permission.CentreManageStaff);
    const changes = settingsOf(dto);
    const resultId = await this.dataSource.transaction(async (manager) => {
      const current = await this.programs.lock(manager, id);
      // Checked by requireProgram; programs are never deleted.
      if (!current) throw DomainException.notFound('Program', id);
      if (current.status === 'superseded')
        throw new DomainException('PROGRAM_NOT_EDITABLE', 'A superseded version cannot change; change the newest one', {
          currentStatus: current.status,
        });
      checkOffered(await this.outlines.read(current.cardId, manager), changes.additionalFunctionIds);
      if (current.status === 'draft') {
        if (Object.keys(changes).length > 0) await this.programs.update(manager, id, changes);
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'program.updated',
          entityType: 'program',
          entityId: id,
          after: changes,
        });
        return id;
      }
      const draft = await this.programs.inStatus(manager, current.centreId, current.cardId, 'draft');
      if (draft)
        throw new DomainException(
          'PROGRAM_EXISTS',
          `Version ${draft.version} is already being drafted: change that one`,
          { draftId: draft.id },
        );
      const next = await this.copyAsDraft(manager, current, changes);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'program.version_drafted',
        entityType: 'program',
        entityId: next,
        after: { from: id, ...changes },
      });
      return next;
    });
    return this.get(actor, resultId);
  }

  async addTask(actor: Actor, id: string, dto: CreateTaskDto): Promise<ProgramDto> {
    await this.requireProgram(actor, id, Permission.CentreManageStaff);
    await this.dataSource.transaction(async (manager) => {
      const program = await this.lockDraft(manager, id);
      const skill = await skillAbilities(manager, dto.skillId);
      if (!skill || skill.cardId !== program.cardId) {
        throw new DomainException('SKILL_NOT_IN_CARD', 'The skill is not a skill of the program’s card', {
          fields: [fieldError('skillId', 'field:notSkillOfCard')],
        });
      }
      const foreign = dto.abilityIds.filter((a) => !skill.abilityIds.includes(a));
      if (foreign.length > 0) {
        throw DomainException.validation([
          { field: 'abilityIds', messages: foreign.map((a) => fieldFault('field:notAbility', { id: a })) },
        ]);
      }
      const task = {
        id: randomUUID(),
        programId: id,
        skillId: skill.id,
        text: dto.text,
        abilityIds: [...new Set(dto.abilityIds)],
      };
      await this.programs.insertTask(manager, task);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'program.task_added',
        entityType: 'program',
        entityId: id,
        after: task,
      });
    });
    return this.get(actor, id);
  }

  async removeTask(actor: Actor, id: string, taskId: string): Promise<ProgramDto> {
    await this.requireProgram(actor, id, Permission.CentreManageStaff);
    await this.dataSource.transaction(async (manager) => {
      await this.lockDraft(manager, id);
      const task = await this.programs.findTask(manager, taskId, id);
      if (!task) throw DomainException.notFound('PracticalTask', taskId);
      await this.programs.deleteTask(manager, taskId);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'program.task_removed',
        entityType: 'program',
        entityId: id,
        before: { id: task.id, skillId: task.skillId, text: task.text },
      });
    });
    return this.get(actor, id);
  }

  /**
   * Activates a draft that covers every skill it examines and whose settings are fair (one wrong
   * answer must not fail a skill: 422 PROGRAM_SETTINGS_TOO_STRICT); the version it replaces is
   * superseded.
   */
  async activate(actor: Actor, id: string): Promise<ProgramDto> {
    await this.requireProgram(actor, id, Permission.CentreManageStaff);
    await this.dataSource.transaction(async (manager) => {
      const program = await this.lockDraft(manager, id);
      const readiness = await this.readiness(manager, program);
      if (readiness.settings.length > 0) {
        const { questionsPerSkill, skillFloorPercent } = program;
        const message = errorMessage('PROGRAM_SETTINGS_TOO_STRICT:one_wrong_answer', {
          questionsPerSkill,
          skillFloorPercent,
        });
        throw new DomainException('PROGRAM_SETTINGS_TOO_STRICT', message, {
          fields: [...new Set(readiness.settings.flatMap((p) => p.fields))].map((field) => ({
            field,
            messages: readiness.settings
              .filter((p) => p.fields.includes(field))
              .map((p) => fieldFault(p.code as ExplanationCode, p.params as MessageParams)),
          })),
          problems: readiness.settings,
        });
      }
      if (!readiness.ready) {
        // Named by number and title, a few at a time: the details list every skill and reason.
        const names = readiness.missing.map((m) => {
          const { skill, title } = m.reasons[0].params;
          return `${String(skill)} «${String(title)}»`;
        });
        const skills = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
        const message =
          names.length === 0
            ? errorMessage('PROGRAM_NOT_READY:no_skills')
            : errorMessage('PROGRAM_NOT_READY:skills', { count: names.length, skills });
        throw new DomainException('PROGRAM_NOT_READY', message, { missing: readiness.missing });
      }
      const previous = await this.programs.inStatus(manager, program.centreId, program.cardId, 'active');
      if (previous) await this.programs.update(manager, previous.id, { status: 'superseded' });
      await this.programs.update(manager, id, { status: 'active', activatedAt: new Date() });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'program.activated',
        entityType: 'program',
        entityId: id,
        before: { status: 'draft', supersedes: previous?.id ?? null },
        after: { status: 'active', version: program.version },
      });
    });
    return this.get(actor, id);
  }

  async readiness(manager: EntityManager, program: QualificationProgramEntity): Promise<ReadinessDto> {
    // One after another: called inside transactions, whose queries share one connection.
    // Every skill an exam of the program can examine: the mandatory functions' and the offered ones'.
    const examined = assessedSkills(await this.outlines.read(program.cardId, manager), program.additionalFunctionIds);
    const tasksBySkill = await this.programs.tasksBySkill(manager, program.id);
    const activeQuestionsBySkill = await this.questions.activeCountsBySkill(manager, program.centreId, program.cardId);
    return programReadiness({
      skillIds: examined.map((m) => m.id),
      skillNames: Object.fromEntries(examined.map((m) => [m.id, { number: m.label, title: m.title }])),
      tasksBySkill,
      activeQuestionsBySkill,
      questionsPerSkill: program.questionsPerSkill,
      skillFloorPercent: program.skillFloorPercent,
    });
  }

  private async copyAsDraft(
    manager: EntityManager,
    current: QualificationProgramEntity,
    changes: Partial<QualificationProgramEntity>,
  ): Promise<string> {
    const id = randomUUID();
    const { centreId, cardId, standardVersionId } = current;
    const settings = Object.fromEntries(SETTINGS.map((k) => [k, current[k]]));
    await this.programs.insert(manager, {
      ...settings,
      ...changes,
      id,
      centreId,
      cardId,
      standardVersionId,
      version: current.version + 1,
      status: 'draft',
    });
    await this.programs.copyTasks(manager, current.id, id);
    return id;
  }

  private async lockDraft(manager: EntityManager, id: string): Promise<QualificationProgramEntity> {
    const program = await this.programs.lock(manager, id);
    if (!program) throw DomainException.notFound('Program', id);
    if (program.status !== 'draft') {
      throw new DomainException(
        'PROGRAM_NOT_EDITABLE',
        `The program is ${program.status}: change its settings to draft a new version`,
        { currentStatus: program.status },
      );
    }
    return program;
  }

  private async requireProgram(actor: Actor, id: string, permission: Permission): Promise<QualificationProgramEntity> {
    const program = await this.programs.find(id);
    if (!program) throw DomainException.notFound('Program', id);
    const allowed = await this.access.checkAccess(actor, permission, [program.centreId]);
    if (!allowed.has(program.centreId)) throw DomainException.notFound('Program', id);
    return program;
  }

  private async toDto(manager: EntityManager, p: QualificationProgramEntity): Promise<ProgramDto> {
    const [tasks, readiness] = await Promise.all([this.programs.tasks(manager, p.id), this.readiness(manager, p)]);
    return {
      id: p.id,
      centreId: p.centreId,
      cardId: p.cardId,
      standardVersionId: p.standardVersionId,
      version: p.version,
      status: p.status,
      questionsPerSkill: p.questionsPerSkill,
      timeLimitMinutes: p.timeLimitMinutes,
      passMarkPercent: p.passMarkPercent,
      skillFloorPercent: p.skillFloorPercent,
      assessorsPerSession: p.assessorsPerSession,
      certificateValidityMonths: p.certificateValidityMonths,
      creditValidityMonths: p.creditValidityMonths,
      appealWindowDays: p.appealWindowDays,
      retakeWaitDays: p.retakeWaitDays,
      additionalFunctionIds: p.additionalFunctionIds,
      tasks: tasks.map(({ id, skillId, text, abilityIds }) => ({ id, skillId, text, abilityIds })),
      readiness,
      activatedAt: p.activatedAt,
    };
  }
}
