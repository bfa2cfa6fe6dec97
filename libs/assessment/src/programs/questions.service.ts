import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, Actor, Permission, toAuditActor } from '@qualcert/identity';
import { AuditService, DomainException, FieldError, fieldError } from '@qualcert/shared';
import { skillsWithKnowledge } from '@qualcert/standards';
import { QuestionEntity, QuestionVersionEntity } from './program.entities';
import { QuestionsRepository } from './questions.repository';
import type {
  CreateQuestionDto,
  ImportQuestionsDto,
  ListQuestionsQueryDto,
  QuestionDto,
  QuestionInputDto,
} from './programs.dto';

const OPTION_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

/** Why a question cannot be stored as given (empty: it can). */
export function questionProblems(input: QuestionInputDto, knowledgeOfSkill: string[], prefix = ''): FieldError[] {
  const problems: FieldError[] = [];
  const correct = [...new Set(input.correctOptions)];
  if (correct.length !== input.correctOptions.length)
    problems.push(fieldError(`${prefix}correctOptions`, 'field:repeatOption'));
  if (correct.some((i) => i >= input.options.length))
    problems.push(fieldError(`${prefix}correctOptions`, 'field:optionMissing'));
  if (input.type === 'single' && correct.length !== 1)
    problems.push(fieldError(`${prefix}correctOptions`, 'field:singleChoice'));
  const texts = input.options.map((o) => o.trim().toLowerCase());
  if (new Set(texts).size !== texts.length) problems.push(fieldError(`${prefix}options`, 'field:optionsDiffer'));
  if (input.knowledgeItemId && !knowledgeOfSkill.includes(input.knowledgeItemId)) {
    problems.push(fieldError(`${prefix}knowledgeItemId`, 'field:notKnowledgeItem'));
  }
  return problems;
}

function versionOf(questionId: string, version: number, input: QuestionInputDto): QuestionVersionEntity {
  return {
    id: randomUUID(),
    questionId,
    version,
    type: input.type,
    text: input.text,
    options: input.options.map((text, i) => ({ id: OPTION_IDS[i], text: text.trim() })),
    correctOptionIds: [...new Set(input.correctOptions)].sort().map((i) => OPTION_IDS[i]),
    explanation: input.explanation ?? null,
    knowledgeItemId: input.knowledgeItemId ?? null,
    createdAt: new Date(),
  };
}

function toDto(q: QuestionEntity, v: QuestionVersionEntity): QuestionDto {
  return {
    id: q.id,
    cardId: q.cardId,
    skillId: q.skillId,
    status: q.status,
    version: v.version,
    versionId: v.id,
    type: v.type,
    text: v.text,
    options: v.options.map((o) => o.text),
    correctOptions: v.correctOptionIds.map((id) => OPTION_IDS.indexOf(id)),
    explanation: v.explanation,
    knowledgeItemId: v.knowledgeItemId,
  };
}

/**
 * A centre's item bank per card. Versions are immutable: an edit makes a new version, so a test
 * keeps the wording it was given. A question is retired, never deleted.
 */
@Injectable()
export class QuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: QuestionsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, centreId: string, dto: CreateQuestionDto): Promise<QuestionDto> {
    await this.access.requireAccess(actor, Permission.CentreManageStaff, [centreId], 'Centre');
    return this.dataSource.transaction(async (manager) => {
      const [created] = await this.insertQuestions(manager, actor, centreId, dto.cardId, [dto]);
      return created;
    });
  }

  async importQuestions(
    actor: Actor,
    centreId: string,
    dto: ImportQuestionsDto,
  ): Promise<{ imported: number; questions: QuestionDto[] }> {
    await this.access.requireAccess(actor, Permission.CentreManageStaff, [centreId], 'Centre');
    const questions = await this.dataSource.transaction((manager) =>
      this.insertQuestions(manager, actor, centreId, dto.cardId, dto.questions),
    );
    return { imported: questions.length, questions };
  }

  async exportQuestions(actor: Actor, centreId: string, cardId: string) {
    const questions = await this.list(actor, centreId, { cardId });
    return {
      cardId,
      questions: questions.map((q) => ({
        id: q.id,
        status: q.status,
        version: q.version,
        skillId: q.skillId,
        type: q.type,
        text: q.text,
        options: q.options,
        correctOptions: q.correctOptions,
        ...(q.explanation ? { explanation: q.explanation } : {}),
        ...(q.knowledgeItemId ? { knowledgeItemId: q.knowledgeItemId } : {}),
      })),
    };
  }

  async list(actor: Actor, centreId: string, query: ListQuestionsQueryDto): Promise<QuestionDto[]> {
    await this.access.requireAccess(actor, Permission.CentreManageStaff, [centreId], 'Centre');
    const questions = await this.repository.list(centreId, query);
    if (questions.length === 0) return [];
    const versions = await this.repository.currentVersions(questions.map((q) => q.id));
    return questions.map((q) => toDto(q, versions.find((v) => v.questionId === q.id) as QuestionVersionEntity));
  }

  async update(actor: Actor, id: string, input: QuestionInputDto): Promise<QuestionDto> {
    const question = await this.requireQuestion(actor, id);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.repository.lock(manager, id);
      const [skill] = await skillsWithKnowledge(manager, [question.skillId]);
      const problems = questionProblems(input, skill?.knowledgeItemIds ?? []);
      if (problems.length > 0)
        throw new DomainException('QUESTION_INVALID', 'The question is not valid', { fields: problems });
      const version = versionOf(id, locked.currentVersion + 1, input);
      await this.repository.revise(manager, version);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'question.revised',
        entityType: 'question',
        entityId: id,
        before: { version: locked.currentVersion },
        after: { version: version.version },
      });
      return toDto({ ...locked, currentVersion: version.version }, version);
    });
  }

  async retire(actor: Actor, id: string): Promise<QuestionDto> {
    await this.requireQuestion(actor, id);
    return this.dataSource.transaction(async (manager) => {
      const q = await this.repository.lock(manager, id);
      if (q.status !== 'retired') {
        await this.repository.retire(manager, id);
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'question.retired',
          entityType: 'question',
          entityId: id,
          before: { status: q.status },
          after: { status: 'retired' },
        });
      }
      const v = await this.repository.version(manager, id, q.currentVersion);
      return toDto({ ...q, status: 'retired' }, v);
    });
  }

  private async insertQuestions(
    manager: EntityManager,
    actor: Actor,
    centreId: string,
    cardId: string,
    inputs: (QuestionInputDto & { skillId: string })[],
  ): Promise<QuestionDto[]> {
    const skillIds = [...new Set(inputs.map((q) => q.skillId))];
    const skills = await skillsWithKnowledge(manager, skillIds);
    const many = inputs.length > 1;
    const problems = inputs.flatMap((q, i) => {
      const prefix = many ? `questions[${i}].` : '';
      const skill = skills.find((s) => s.id === q.skillId);
      const own = !skill || skill.cardId !== cardId ? [fieldError(`${prefix}skillId`, 'field:notSkillOfCard')] : [];
      return [...own, ...questionProblems(q, skill?.knowledgeItemIds ?? [], prefix)];
    });
    if (problems.length > 0)
      throw new DomainException('QUESTION_INVALID', 'Some questions are not valid; nothing was stored', {
        fields: problems,
      });
    const rows = inputs.map((q) => ({
      question: {
        id: randomUUID(),
        centreId,
        cardId,
        skillId: q.skillId,
        status: 'active' as const,
        currentVersion: 1,
      },
      input: q,
    }));
    const versions = rows.map((r) => versionOf(r.question.id, 1, r.input));
    await this.repository.insert(
      manager,
      rows.map((r) => r.question),
      versions,
    );
    await this.audit.record(manager, {
      actor: toAuditActor(actor),
      action: many ? 'question.imported' : 'question.created',
      entityType: 'centre',
      entityId: centreId,
      after: { cardId, questionIds: rows.map((r) => r.question.id) },
    });
    const now = new Date();
    return rows.map((r, i) => toDto({ ...r.question, createdAt: now, updatedAt: now }, versions[i]));
  }

  private async requireQuestion(actor: Actor, id: string): Promise<QuestionEntity> {
    const q = await this.repository.find(id);
    if (!q) throw DomainException.notFound('Question', id);
    const allowed = await this.access.checkAccess(actor, Permission.CentreManageStaff, [q.centreId]);
    if (!allowed.has(q.centreId)) throw DomainException.notFound('Question', id);
    return q;
  }
}
