import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService, DomainException, isUniqueViolation, SYSTEM_ACTOR } from '@qualcert/shared';
import { applyCorrections, Correction } from '../corrections/corrections';
import {
  AbilityEntity,
  AppliedCorrection,
  KnowledgeItemEntity,
  LabourFunctionEntity,
  ProfessionCardEntity,
  SkillEntity,
  StandardVersionEntity,
} from '../entities';
import { ParsedStandard, StandardParseError } from '../parser/parsed-standard';
import { parseStandard } from '../parser/standard-parser';
import { parsePrerequisites } from '../prerequisites/prerequisite-parser';
import type { CardPrerequisites } from '../prerequisites/prerequisite-rules';
import { StandardImportRepository } from './standard-import.repository';

export interface ImportRequest {
  text: string;
  /** Where the text came from (a file name), for people reading the version list. */
  sourceName: string;
  corrections?: Correction[];
}

export interface ImportSummary {
  status: 'created' | 'unchanged';
  standardId: string;
  versionId: string;
  version: number;
  title: string;
  contentHash: string;
  cards: number;
  functions: { mandatory: number; additional: number };
  skills: { total: number; recommended: number; notRecommended: number };
  abilities: number;
  knowledgeItems: number;
  prerequisites: { structured: number; needsReview: number };
  warnings: { line: number; code: string; message: string }[];
  corrections: AppliedCorrection[];
}

/** What an import would store, read before anything is stored: the admin confirms after reading the warnings. */
export type ImportPreview = Omit<ImportSummary, 'status' | 'standardId' | 'versionId' | 'version'> & {
  /** The version already holding this content (an import would change nothing), or null. */
  existingVersion: { standardId: string; versionId: string; version: number } | null;
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Line endings and a byte-order mark must not make the same text a new version. */
export function normaliseSourceText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Folds a title to its identity across versions. */
export function titleKey(title: string): string {
  return title.toLocaleLowerCase('ru').replace(/\s+/g, ' ').trim();
}

interface PreparedImport {
  parsed: ParsedStandard;
  corrections: AppliedCorrection[];
  prerequisites: CardPrerequisites[];
  textHash: string;
  contentHash: string;
}

/**
 * Turns a published text into a catalogue version in one transaction. The same content imports
 * once: a repeated import answers "unchanged" with the version already stored.
 */
@Injectable()
export class StandardImportService {
  private readonly logger = new Logger(StandardImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: StandardImportRepository,
    private readonly audit: AuditService,
  ) {}

  /** Parses and checks without touching the database. */
  prepare(request: ImportRequest): PreparedImport {
    const text = normaliseSourceText(request.text);
    let parsed: ParsedStandard;
    try {
      parsed = parseStandard(text);
    } catch (error) {
      if (error instanceof StandardParseError) {
        throw new DomainException(
          'STANDARD_PARSE_FAILED',
          `The text could not be read as a standard: ${error.message}`,
          {
            line: error.line,
            reason: error.reason,
          },
        );
      }
      throw error;
    }
    const corrections = applyCorrections(parsed, request.corrections ?? []);
    for (const c of corrections.filter((x) => !x.applied)) {
      parsed.warnings.push({
        line: 0,
        code: 'CORRECTION_NOT_APPLIED',
        message: `${c.target}, ${c.field}: ${c.reason ?? 'not applied'}`,
      });
    }
    const prerequisites = parsed.cards.map((card) => parsePrerequisites(card));
    const textHash = sha256(text);
    const applied = corrections
      .filter((c) => c.applied)
      .map(({ target, field, shouldRead }) => ({ target, field, shouldRead }));
    const contentHash = applied.length === 0 ? textHash : sha256(`${textHash}\n${JSON.stringify(applied)}`);
    return { parsed, corrections, prerequisites, textHash, contentHash };
  }

  /** Parses and counts without storing; says whether the same content is stored already. */
  async preview(request: ImportRequest): Promise<ImportPreview> {
    const prepared = this.prepare(request);
    const existing = await this.repository.versionWithContent(prepared.contentHash);
    return {
      ...this.counts(prepared),
      contentHash: prepared.contentHash,
      existingVersion: existing
        ? { standardId: existing.standardId, versionId: existing.id, version: existing.version }
        : null,
    };
  }

  /** Imports in one transaction; the CLI acts as the system, the API as the signed-in admin. */
  async import(request: ImportRequest, actor: AuditActor = SYSTEM_ACTOR): Promise<ImportSummary> {
    const prepared = this.prepare(request);
    const write = (manager: EntityManager) => this.write(manager, request.sourceName, prepared, actor);
    try {
      return await this.dataSource.transaction(write);
    } catch (error) {
      // Two imports of the same new text raced; the other one stored it.
      if (isUniqueViolation(error, 'uq_standard_version_content_hash')) {
        return this.dataSource.transaction(write);
      }
      throw error;
    }
  }

  private async write(
    manager: EntityManager,
    sourceName: string,
    prepared: PreparedImport,
    actor: AuditActor,
  ): Promise<ImportSummary> {
    const { parsed, contentHash } = prepared;
    const existing = await this.repository.versionWithContent(contentHash, manager);
    if (existing) return this.summary('unchanged', existing, prepared);

    // The standard row is the lock that serialises version numbering of concurrent imports.
    const standard = await this.repository.lockStandard(manager, {
      id: randomUUID(),
      title: parsed.title,
      titleKey: titleKey(parsed.title),
    });
    const next = await this.repository.nextVersion(manager, standard.id);

    const version: StandardVersionEntity = {
      id: randomUUID(),
      standardId: standard.id,
      version: next,
      contentHash,
      textHash: prepared.textHash,
      sourceName: sourceName.slice(0, 300),
      orderNumber: parsed.orderNumber,
      orderDate: parsed.orderDate,
      issuedBy: parsed.issuedBy,
      okedCodes: parsed.okedCodes,
      warnings: parsed.warnings,
      corrections: prepared.corrections,
      importedAt: new Date(),
    };
    await this.repository.insertVersion(manager, version);
    await this.writeTree(manager, version.id, prepared);
    await this.audit.record(manager, {
      actor,
      action: 'standard.version_imported',
      entityType: 'standard_version',
      entityId: version.id,
      after: {
        standardId: standard.id,
        title: parsed.title,
        version: version.version,
        contentHash,
        sourceName: version.sourceName,
        cards: parsed.cards.length,
        warnings: parsed.warnings.length,
        corrections: prepared.corrections.filter((c) => c.applied).length,
      },
    });
    this.logger.log(
      { standardId: standard.id, version: version.version, cards: parsed.cards.length },
      'standard imported',
    );
    return this.summary('created', version, prepared);
  }

  private async writeTree(manager: EntityManager, versionId: string, prepared: PreparedImport): Promise<void> {
    const cards: ProfessionCardEntity[] = [];
    const functions: LabourFunctionEntity[] = [];
    const skills: SkillEntity[] = [];
    const abilities: AbilityEntity[] = [];
    const knowledge: KnowledgeItemEntity[] = [];
    prepared.parsed.cards.forEach((card, i) => {
      const prerequisites = prepared.prerequisites[i];
      const cardId = randomUUID();
      cards.push({
        id: cardId,
        standardVersionId: versionId,
        number: card.number,
        printedNumber: card.printedNumber,
        groupCode: card.groupCode,
        occupationCode: card.occupationCode,
        name: card.name,
        orkLevel: card.orkLevel,
        orkSublevel: card.orkSublevel,
        qualificationReference: card.qualificationReference,
        educationLevelText: card.educationLevelText,
        specialty: card.specialty,
        qualification: card.qualification,
        experienceText: card.experienceText,
        informalText: card.informalText,
        otherNames: card.otherNames,
        mainGoal: card.mainGoal,
        personalCompetencies: card.personalCompetencies,
        technicalStandards: card.technicalStandards,
        relatedProfessions: card.relatedProfessions,
        prerequisites,
        prerequisiteStatus: prerequisites.status,
        sourceLine: card.line,
      });
      card.functions.forEach((fn, position) => {
        const functionId = randomUUID();
        functions.push({
          id: functionId,
          cardId,
          kind: fn.kind,
          number: fn.number,
          position: position + 1,
          title: fn.title,
          sourceLine: fn.line,
        });
        for (const skill of fn.skills) {
          const skillId = randomUUID();
          skills.push({
            id: skillId,
            functionId,
            cardId,
            number: skill.number,
            printedNumber: skill.printedNumber,
            title: skill.title,
            recognition: skill.recognition,
            sourceLine: skill.line,
          });
          skill.abilities.forEach((text, k) => abilities.push({ id: randomUUID(), skillId, position: k + 1, text }));
          skill.knowledge.forEach((text, k) => knowledge.push({ id: randomUUID(), skillId, position: k + 1, text }));
        }
      });
    });
    await this.repository.insertTree(manager, { cards, functions, skills, abilities, knowledge });
  }

  private summary(
    status: ImportSummary['status'],
    version: StandardVersionEntity,
    prepared: PreparedImport,
  ): ImportSummary {
    return {
      status,
      standardId: version.standardId,
      versionId: version.id,
      version: version.version,
      contentHash: version.contentHash,
      ...this.counts(prepared),
    };
  }

  private counts(prepared: PreparedImport) {
    const { parsed } = prepared;
    const functions = parsed.cards.flatMap((c) => c.functions);
    const skills = functions.flatMap((f) => f.skills);
    const recommended = skills.filter((s) => s.recognition === 'recommended').length;
    const needsReview = prepared.prerequisites.filter((p) => p.status === 'needs_review').length;
    return {
      title: parsed.title,
      cards: parsed.cards.length,
      functions: {
        mandatory: functions.filter((f) => f.kind === 'mandatory').length,
        additional: functions.filter((f) => f.kind === 'additional').length,
      },
      skills: { total: skills.length, recommended, notRecommended: skills.length - recommended },
      abilities: skills.reduce((n, s) => n + s.abilities.length, 0),
      knowledgeItems: skills.reduce((n, s) => n + s.knowledge.length, 0),
      prerequisites: { structured: parsed.cards.length - needsReview, needsReview },
      warnings: parsed.warnings,
      corrections: prepared.corrections,
    };
  }
}
