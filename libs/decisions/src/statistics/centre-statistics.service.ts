import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assessmentStatistics } from '@qualcert/assessment';
import { applicationIdsOfCentre, applicationStatistics, type StatisticsPeriod } from '@qualcert/candidates';
import { CentresService } from '@qualcert/centres';
import { AccessService, Actor, Permission, userNames } from '@qualcert/identity';
import { dayRange } from '@qualcert/shared';
import { catalogueLabels } from '@qualcert/standards';
import type { CentreStatisticsDto, CentreStatisticsQueryDto, SkillStatisticsDto } from './centre-statistics.dto';
import { decisionStatistics } from './decision-statistics.repository';

/** a / (a + b) in [0, 1] to four places; null when both are 0. */
export function share(a: number, b: number): number | null {
  return a + b === 0 ? null : Math.round((a / (a + b)) * 10000) / 10000;
}

/** The whole UTC days from `from` to `to`, both included; 400 PERIOD_REVERSED when it starts after it ends. */
export function periodOf(from: string, to: string): StatisticsPeriod {
  const { start, end } = dayRange(from, to);
  return { start: start as Date, end: end as Date };
}

/**
 * A centre's statistics over a period, composed from each context's own part (candidates:
 * applications and eligibility; assessment: exams, evidence reviews, assessors' work; decisions:
 * decisions and appeals) and named by the standards and identity contexts. Each part is its own
 * context's query on its own tables; a fixed number of reads in all.
 */
@Injectable()
export class CentreStatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly centres: CentresService,
  ) {}

  async statistics(actor: Actor, centreId: string, query: CentreStatisticsQueryDto): Promise<CentreStatisticsDto> {
    await this.access.requireAccess(actor, Permission.CentreManageStaff, [centreId], 'Centre');
    const period = periodOf(query.from, query.to);
    // An administrator reaches every id: an unknown centre is a 404 all the same.
    await this.centres.get(actor, centreId);
    const manager = this.dataSource.manager;
    const applications = await applicationStatistics(manager, centreId, period);
    const applicationIds = await applicationIdsOfCentre(manager, centreId);
    const assessment = await assessmentStatistics(manager, centreId, applicationIds, period);
    const decisions = await decisionStatistics(manager, applicationIds, period);

    const skillIds = [
      ...new Set([...assessment.skills.map((s) => s.skillId), ...assessment.evidence.map((e) => e.skillId)]),
    ];
    const cardIds = [
      ...new Set([...applications.byCard.map((c) => c.cardId), ...assessment.cards.map((c) => c.cardId)]),
    ];
    const labels = await catalogueLabels(manager, cardIds, skillIds);
    for (const skill of labels.skills.values()) {
      if (!cardIds.includes(skill.cardId)) cardIds.push(skill.cardId);
    }
    const missing = cardIds.filter((id) => !labels.cards.has(id));
    if (missing.length > 0) {
      for (const [id, card] of (await catalogueLabels(manager, missing, [])).cards) labels.cards.set(id, card);
    }
    const card = (id: string) => ({
      cardName: labels.cards.get(id)?.name ?? '',
      orkLevel: labels.cards.get(id)?.orkLevel ?? 0,
    });

    const exam = new Map(assessment.skills.map((s) => [s.skillId, s]));
    const evidence = new Map(assessment.evidence.map((e) => [e.skillId, e]));
    const skills: SkillStatisticsDto[] = skillIds
      .flatMap((skillId) => {
        const label = labels.skills.get(skillId);
        if (!label) return [];
        const e = exam.get(skillId);
        const passed = e?.passed ?? 0;
        const failed = e?.failed ?? 0;
        return [
          {
            skillId,
            cardId: label.cardId,
            functionKind: label.functionKind,
            functionNumber: label.functionNumber,
            skillNumber: label.skillNumber,
            title: label.title,
            passed,
            failed,
            pending: e?.pending ?? 0,
            passRate: share(passed, failed),
            evidenceAccepted: evidence.get(skillId)?.accepted ?? 0,
            evidenceRejected: evidence.get(skillId)?.rejected ?? 0,
          },
        ];
      })
      .sort(
        (a, b) =>
          a.cardId.localeCompare(b.cardId) ||
          (a.functionKind === b.functionKind ? 0 : a.functionKind === 'mandatory' ? -1 : 1) ||
          a.functionNumber - b.functionNumber ||
          a.skillNumber - b.skillNumber,
      );

    const votes = new Map(decisions.panelVotes.map((v) => [v.assessorId, v.count]));
    const assessorIds = [...new Set([...assessment.workload.map((w) => w.assessorId), ...votes.keys()])];
    const names = await userNames(manager, assessorIds);
    const workload = new Map(assessment.workload.map((w) => [w.assessorId, w]));
    const onEvidence = assessment.evidence.reduce((sum, e) => sum + e.accepted, 0);
    const atExam = assessment.skills.reduce((sum, s) => sum + s.passed, 0);

    return {
      centreId,
      from: query.from,
      to: query.to,
      applications: {
        submitted: applications.submitted,
        overridden: applications.overridden,
        byPathway: applications.byPathway,
        byStatus: applications.byStatus,
        byCard: applications.byCard.map((c) => ({ ...c, ...card(c.cardId) })),
        eligibility: applications.eligibility,
      },
      exams: {
        cards: assessment.cards
          .map((c) => ({ ...c, ...card(c.cardId), passRate: share(c.passed, c.failed) }))
          .sort((a, b) => a.cardName.localeCompare(b.cardName)),
        skills,
      },
      credits: { onEvidence, atExam, recognitionShare: share(onEvidence, atExam) },
      workload: assessorIds
        .map((assessorId) => ({
          assessorId,
          fullName: names.get(assessorId) ?? '',
          sessions: workload.get(assessorId)?.sessions ?? 0,
          candidates: workload.get(assessorId)?.candidates ?? 0,
          sheetsSigned: workload.get(assessorId)?.sheetsSigned ?? 0,
          reviewsDecided: workload.get(assessorId)?.reviewsDecided ?? 0,
          reviewsOpen: workload.get(assessorId)?.reviewsOpen ?? 0,
          panelVotes: votes.get(assessorId) ?? 0,
        }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName)),
      decisions: { signed: decisions.signed, returned: decisions.returned },
      appeals: decisions.appeals,
    };
  }
}
