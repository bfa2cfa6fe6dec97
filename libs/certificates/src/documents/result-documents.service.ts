import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProgressService } from '@qualcert/assessment';
import { termDates } from '@qualcert/decisions';
import { AccessService, Actor, Permission } from '@qualcert/identity';
import { DomainException, maskIin, toIsoDay } from '@qualcert/shared';
import { CardOutlineReader, type OutlineSkill } from '@qualcert/standards';
import { conclusionNumber, renderConclusionPdf, type ConclusionFunction } from '../pdf/conclusion-pdf';
import { renderProtocolPdf, type ProtocolCandidate, type ProtocolOutcome } from '../pdf/protocol-pdf';
import { ResultDocumentsRepository, type SessionFacts } from './result-documents.repository';

export interface RenderedDocument {
  filename: string;
  data: Buffer;
}

const two = (n: number) => String(n).padStart(2, '0');
const displayDay = (at: Date) => `${two(at.getUTCDate())}.${two(at.getUTCMonth() + 1)}.${at.getUTCFullYear()}`;
const displayTime = (at: Date) => `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;

/**
 * The documents of a result, rendered from the rows on each request (nothing to store or keep in
 * step): the conclusion of a signed decision that does not award the card, and the protocol of an
 * exam session. The same rows always give the same bytes.
 */
@Injectable()
export class ResultDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ResultDocumentsRepository,
    private readonly access: AccessService,
    private readonly progress: ProgressService,
    private readonly outlines: CardOutlineReader,
  ) {}

  /** The candidate (their own), the centre's staff and admins; 409 for a decision that has none. */
  async conclusion(actor: Actor, decisionId: string): Promise<RenderedDocument> {
    const row = await this.repository.conclusionFacts(decisionId);
    if (
      !row ||
      !(await this.access.checkAccess(actor, Permission.ApplicationRead, [row.application_id])).has(row.application_id)
    ) {
      throw DomainException.notFound('Decision', decisionId);
    }
    const signed = (row.status === 'approved' || row.status === 'superseded') && row.signed_at;
    if (!signed || row.outcome === 'awarded' || row.appeal_window_days === null) {
      throw new DomainException(
        'DOCUMENT_NOT_AVAILABLE',
        row.outcome === 'awarded'
          ? 'An awarding decision has a certificate, not a conclusion'
          : `A conclusion is issued for a signed decision; this one is ${row.status}`,
        { currentStatus: row.status, outcome: row.outcome },
      );
    }
    const signedAt = row.signed_at as Date;
    const dates = termDates(signedAt, row.outcome, {
      certificateValidityMonths: row.certificate_validity_months ?? 0,
      creditValidityMonths: row.credit_validity_months ?? 0,
      appealWindowDays: row.appeal_window_days,
      retakeWaitDays: row.retake_wait_days ?? 0,
    });
    // What to improve comes from the standard's catalogue, item by item.
    const outline = await this.outlines.read(row.card_id);
    const catalogue = new Map<string, OutlineSkill>(outline.functions.flatMap((f) => f.skills).map((s) => [s.id, s]));
    const functions: ConclusionFunction[] = row.result.reasoning.map((fn) => ({
      title: fn.title,
      kind: fn.kind,
      credited: fn.skills
        .filter((s) => s.credited)
        .map((s) => ({ number: `${fn.number}.${s.number}`, title: s.title })),
      notCredited: fn.skills
        .filter((s) => !s.credited)
        .map((s) => ({
          number: `${fn.number}.${s.number}`,
          title: s.title,
          abilities: [...(catalogue.get(s.skillId)?.abilities ?? [])],
          knowledge: [...(catalogue.get(s.skillId)?.knowledge ?? [])],
        })),
    }));
    const data = await renderConclusionPdf({
      decisionId: row.id,
      candidate: { name: row.candidate_name, maskedIin: row.iin ? maskIin(row.iin) : '—' },
      card: { name: row.card_name, occupationCode: row.occupation_code, orkLevel: row.ork_level },
      standardTitle: row.standard_title,
      centre: { name: row.centre_name, code: row.centre_code },
      outcome: row.outcome,
      signedOn: toIsoDay(signedAt),
      signedBy: row.signer_name ?? '',
      functions,
      creditValidUntil: dates.creditValidUntil,
      appealDeadline: dates.appealDeadline,
    });
    return { filename: `conclusion-${conclusionNumber(row.id)}.pdf`, data };
  }

  /**
   * The session's protocol for the centre's staff (its manager, its assessors) and admins; a
   * candidate of the session gets the extract of their own row; anyone else 404.
   */
  async protocol(actor: Actor, sessionId: string): Promise<RenderedDocument> {
    const session = await this.repository.sessionFacts(sessionId);
    if (!session) throw DomainException.notFound('Session', sessionId);
    const extract = await this.protocolReach(actor, session);
    const assessors = await this.repository.assessorsOf(sessionId);
    const enrolments = await this.repository.enrolmentsOf(sessionId, extract ? actor.userId : null);
    const skills = (await this.outlines.read(session.card_id)).functions.flatMap((f) => f.skills);
    const candidates: ProtocolCandidate[] = [];
    for (const enrolment of enrolments) {
      const results = await this.progress.enrolmentResults(this.dataSource.manager, enrolment.id);
      const examined = skills.filter((s) => results.skills.some((r) => r.skillId === s.id));
      const rows = examined.map((skill) => {
        const result = results.skills.find((r) => r.skillId === skill.id);
        const theory = enrolment.score?.perSkill.find((p) => p.skillId === skill.id) ?? null;
        return {
          number: skill.label,
          title: skill.title,
          theory: theory ? { correct: theory.correct, total: theory.total, share: theory.share } : null,
          verdicts: assessors.map(
            (a) => result?.verdicts.find((v) => v.assessorId === a.id && v.signed)?.verdict ?? null,
          ),
          outcome: result?.status ?? 'pending',
        };
      });
      const outcome: ProtocolOutcome = rows.some((r) => r.outcome === 'pending')
        ? 'pending'
        : rows.every((r) => r.outcome === 'passed')
          ? 'passed'
          : 'failed';
      candidates.push({
        name: enrolment.full_name,
        maskedIin: enrolment.iin ? maskIin(enrolment.iin) : '—',
        overallShare: results.overallShare,
        skills: rows,
        outcome,
      });
    }
    const sameDay = toIsoDay(session.starts_at) === toIsoDay(session.ends_at);
    const data = await renderProtocolPdf({
      sessionId: session.id,
      centre: { name: session.centre_name, code: session.centre_code },
      card: { name: session.card_name, occupationCode: session.occupation_code, orkLevel: session.ork_level },
      programVersion: session.program_version,
      passMarkPercent: session.pass_mark_percent,
      skillFloorPercent: session.skill_floor_percent,
      startsOn: toIsoDay(session.starts_at),
      window: sameDay
        ? `${displayTime(session.starts_at)}–${displayTime(session.ends_at)}`
        : `${displayDay(session.starts_at)} ${displayTime(session.starts_at)} – ${displayDay(session.ends_at)} ${displayTime(session.ends_at)}`,
      place: session.place,
      assessors: assessors.map((a) => ({ name: a.full_name })),
      candidates,
      extract,
    });
    return { filename: `protocol-${session.id.slice(0, 8)}${extract ? '-extract' : ''}.pdf`, data };
  }

  /** Whether the actor reaches the whole protocol (false), only their own extract (true), or nothing (404). */
  private async protocolReach(actor: Actor, session: SessionFacts): Promise<boolean> {
    if (actor.role === 'candidate') {
      if (await this.repository.isEnrolled(session.id, actor.userId)) return true;
    } else if (actor.role === 'assessor') {
      if (await this.repository.sitsOn(session.id, actor.userId)) return false;
    } else if (
      (await this.access.checkAccess(actor, Permission.CentreRead, [session.centre_id])).has(session.centre_id)
    ) {
      return false;
    }
    throw DomainException.notFound('Session', session.id);
  }
}
