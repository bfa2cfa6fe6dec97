import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService, DomainException } from '@qualcert/shared';
import { ProfessionCardEntity } from '../entities';
import type { SkillEntity, StandardEntity, StandardVersionEntity } from '../entities';
import { toFieldNode } from '../fields/field-nodes';
import { buildFieldTree, orderedFields, type FieldTree } from '../fields/field-tree';
import { CatalogueRepository, SkillItems, VersionWithCounts } from './catalogue.repository';
import {
  CardDetailDto,
  CardsPageDto,
  CardSummaryDto,
  FieldOfActivityDto,
  ListCardsQueryDto,
  SkillDetailDto,
  SkillDto,
  StandardDetailDto,
  StandardDto,
  StandardVersionDto,
  VersionRefDto,
} from './catalogue.dto';
import { recognitionWarnings } from '../rules/recognition-warnings';

function toVersion(v: VersionWithCounts): StandardVersionDto {
  return {
    id: v.id,
    version: v.version,
    contentHash: v.contentHash,
    textHash: v.textHash,
    sourceName: v.sourceName,
    orderNumber: v.orderNumber,
    orderDate: v.orderDate,
    issuedBy: v.issuedBy,
    okedCodes: v.okedCodes,
    importedAt: v.importedAt,
    cardCount: v.cardCount,
    warningCount: v.warnings.length,
  };
}

function toVersionRef(standard: StandardEntity, version: StandardVersionEntity): VersionRefDto {
  return {
    standardId: standard.id,
    title: standard.title,
    versionId: version.id,
    version: version.version,
    contentHash: version.contentHash,
  };
}

function toCardSummary(c: ProfessionCardEntity): CardSummaryDto {
  return {
    id: c.id,
    number: c.number,
    printedNumber: c.printedNumber,
    groupCode: c.groupCode,
    occupationCode: c.occupationCode,
    name: c.name,
    orkLevel: c.orkLevel,
    orkSublevel: c.orkSublevel,
    prerequisiteStatus: c.prerequisiteStatus,
  };
}

function toSkill(s: SkillEntity, items: SkillItems): SkillDto {
  const mine = <T extends { skillId: string; id: string; position: number; text: string }>(list: T[]) =>
    list.filter((i) => i.skillId === s.id).map(({ id, position, text }) => ({ id, position, text }));
  return {
    id: s.id,
    number: s.number,
    printedNumber: s.printedNumber,
    title: s.title,
    recognition: s.recognition,
    abilities: mine(items.abilities),
    knowledge: mine(items.knowledge),
  };
}

/** Read side of the catalogue: every version stays readable, since decisions point at them. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly repository: CatalogueRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * An admin confirms a card's prerequisite rules after reading them against its text; a card
   * that needed review can then be applied for.
   */
  async confirmPrerequisites(actor: AuditActor, cardId: string): Promise<CardDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const card = await this.repository.lockCard(manager, cardId);
      if (!card) throw DomainException.notFound('Card', cardId);
      if (card.prerequisiteStatus === 'confirmed') return;
      await this.repository.confirmPrerequisites(manager, cardId);
      await this.audit.record(manager, {
        actor,
        action: 'card.prerequisites_confirmed',
        entityType: 'profession_card',
        entityId: cardId,
        before: { status: card.prerequisiteStatus },
        after: { status: 'confirmed', routes: card.prerequisites.routes },
      });
    });
    return this.getCard(cardId);
  }

  /** The fields of activity, each broader field before the narrower ones it contains. */
  async listFields(): Promise<FieldOfActivityDto[]> {
    const tree = await this.fieldTree();
    return orderedFields(tree).map(({ code, parentCode, names }) => ({ code, parentCode, names: { ...names } }));
  }

  async fieldTree(): Promise<FieldTree> {
    return buildFieldTree((await this.repository.listFields()).map(toFieldNode));
  }

  async listStandards(): Promise<StandardDto[]> {
    const standards = await this.repository.listStandards();
    const versions = await this.repository.listVersions(standards.map((s) => s.id));
    return standards.map((s) => ({
      id: s.id,
      title: s.title,
      versions: versions.filter((v) => v.standardId === s.id).map(toVersion),
    }));
  }

  async getStandard(id: string): Promise<StandardDetailDto> {
    const standard = await this.repository.findStandard(id);
    if (!standard) throw DomainException.notFound('Standard', id);
    const versions = await this.repository.listVersions([id]);
    return {
      id: standard.id,
      title: standard.title,
      versions: versions.map((v) => ({ ...toVersion(v), warnings: v.warnings, corrections: v.corrections })),
    };
  }

  async listCards(standardId: string, query: ListCardsQueryDto): Promise<CardsPageDto> {
    const standard = await this.repository.findStandard(standardId);
    if (!standard) throw DomainException.notFound('Standard', standardId);
    const version = await this.repository.findVersion(standardId, query.version);
    if (!version) {
      throw new DomainException('NOT_FOUND', `Standard ${standardId} has no version ${query.version ?? ''}`.trim(), {
        entity: 'StandardVersion',
        standardId,
        version: query.version,
      });
    }
    const { items, total } = await this.repository.listCards({
      versionId: version.id,
      orkLevel: query.orkLevel,
      occupationCode: query.occupationCode,
      q: query.q,
      limit: query.limit,
      offset: query.offset,
    });
    return {
      standard: toVersionRef(standard, version),
      items: items.map(toCardSummary),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async getCard(id: string): Promise<CardDetailDto> {
    const card = await this.repository.findCard(id);
    if (!card) throw DomainException.notFound('Card', id);
    const [ref, functions, skills] = await Promise.all([
      this.versionRef(card.standardVersionId),
      this.repository.listFunctions(id),
      this.repository.listSkillsOfCard(id),
    ]);
    const items = await this.repository.listItems(skills.map((s) => s.id));
    return {
      ...toCardSummary(card),
      standard: ref,
      qualificationReference: card.qualificationReference,
      specialty: card.specialty,
      qualification: card.qualification,
      otherNames: card.otherNames,
      mainGoal: card.mainGoal,
      personalCompetencies: card.personalCompetencies,
      technicalStandards: card.technicalStandards,
      relatedProfessions: card.relatedProfessions,
      prerequisites: {
        status: card.prerequisiteStatus,
        educationLevelText: card.educationLevelText,
        experienceText: card.experienceText,
        informalText: card.informalText,
        routes: card.prerequisites.routes,
        reviewReasons: card.prerequisites.reviewReasons,
      },
      functions: functions.map((f) => ({
        id: f.id,
        kind: f.kind,
        number: f.number,
        title: f.title,
        skills: skills.filter((s) => s.functionId === f.id).map((s) => toSkill(s, items)),
      })),
      recognitionWarnings: recognitionWarnings(skills),
    };
  }

  async getSkill(id: string): Promise<SkillDetailDto> {
    const skill = await this.repository.findSkill(id);
    if (!skill) throw DomainException.notFound('Skill', id);
    const [fn, card, items] = await Promise.all([
      this.repository.findFunction(skill.functionId),
      this.repository.findCard(skill.cardId),
      this.repository.listItems([id]),
    ]);
    // Foreign keys guarantee both exist.
    if (!fn || !card) throw DomainException.notFound('Skill', id);
    return {
      ...toSkill(skill, items),
      function: { id: fn.id, kind: fn.kind, number: fn.number, title: fn.title },
      card: { id: card.id, name: card.name, occupationCode: card.occupationCode, orkLevel: card.orkLevel },
      standard: await this.versionRef(card.standardVersionId),
    };
  }

  private async versionRef(versionId: string): Promise<VersionRefDto> {
    const version = await this.repository.findVersionById(versionId);
    const standard = version && (await this.repository.findStandard(version.standardId));
    if (!version || !standard) throw DomainException.notFound('StandardVersion', versionId);
    return toVersionRef(standard, version);
  }
}
