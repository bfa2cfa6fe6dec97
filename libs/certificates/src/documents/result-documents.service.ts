import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProgressService } from '@qualcert/assessment';
import type { DecisionResult } from '@qualcert/decisions';
import { termDates } from '@qualcert/decisions';
import { AccessService, Actor, Permission } from '@qualcert/identity';
import { DomainException, maskIin, toIsoDay } from '@qualcert/shared';
import { CardOutlineReader, type OutlineSkill } from '@qualcert/standards';
import { conclusionNumber, renderConclusionPdf, type ConclusionFunction } from '../pdf/conclusion-pdf';
import { renderProtocolPdf, type ProtocolCandidate, type ProtocolOutcome } from '../pdf/protocol-pdf';

export interface RenderedDocument {
  filename: string;
  data: Buffer;
}

interface ConclusionRow {
  id: string;
  application_id: string;
  card_id: string;
  status: string;
  outcome: 'awarded' | 'partial' | 'not_awarded';
  result: DecisionResult;
  signed_at: Date | null;
  certificate_validity_months: number | null;
  credit_validity_months: number | null;
  appeal_window_days: number | null;
  retake_wait_days: number | null;
  candidate_name: string;
  iin: string | null;
  card_name: string;
  occupation_code: string | null;
  ork_level: number;
  standard_title: string;
  centre_name: string;
  centre_code: string;
  signer_name: string | null;
}

interface SessionRow {
  id: string;
  centre_id: string;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  program_version: number;
  pass_mark_percent: number;
  skill_floor_percent: number;
  card_id: string;
  card_name: string;
  occupation_code: string | null;
  ork_level: number;
  centre_name: string;
  centre_code: string;
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
    private readonly access: AccessService,
    private readonly progress: ProgressService,
    private readonly outlines: CardOutlineReader,
  ) {}

  /** The candidate (their own), the centre's staff and admins; 409 for a decision that has none. */
  async conclusion(actor: Actor, decisionId: string): Promise<RenderedDocument> {
    const [row] = await this.dataSource.query<ConclusionRow[]>(
      `SELECT d.id, d.application_id, a.card_id, d.status, d.outcome, d.result, d.signed_at,
              d.certificate_validity_months, d.credit_validity_months, d.appeal_window_days, d.retake_wait_days,
              u.full_name AS candidate_name, p.iin, c.name AS card_name, c.occupation_code, c.ork_level,
              s.title AS standard_title, ce.name AS centre_name, ce.code AS centre_code, g.full_name AS signer_name
         FROM decision d
         JOIN application a ON a.id = d.application_id
         JOIN app_user u ON u.id = a.candidate_id
         LEFT JOIN candidate_profile p ON p.user_id = a.candidate_id
         JOIN profession_card c ON c.id = a.card_id
         JOIN standard_version v ON v.id = c.standard_version_id
         JOIN standard s ON s.id = v.standard_id
         JOIN centre ce ON ce.id = a.centre_id
         LEFT JOIN app_user g ON g.id = d.signed_by
        WHERE d.id = $1`,
      [decisionId],
    );
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
    const [session] = await this.dataSource.query<SessionRow[]>(
      `SELECT x.id, x.centre_id, x.starts_at, x.ends_at, x.place, p.version AS program_version,
              p.pass_mark_percent, p.skill_floor_percent, c.id AS card_id, c.name AS card_name, c.occupation_code,
              c.ork_level, ce.name AS centre_name, ce.code AS centre_code
         FROM exam_session x
         JOIN qualification_program p ON p.id = x.program_id
         JOIN profession_card c ON c.id = x.card_id
         JOIN centre ce ON ce.id = x.centre_id
        WHERE x.id = $1`,
      [sessionId],
    );
    if (!session) throw DomainException.notFound('Session', sessionId);
    const extract = await this.protocolReach(actor, session);
    const assessors = await this.dataSource.query<{ id: string; full_name: string }[]>(
      `SELECT u.id, u.full_name FROM session_assessor a JOIN app_user u ON u.id = a.assessor_id
        WHERE a.session_id = $1 ORDER BY u.full_name, u.id`,
      [sessionId],
    );
    const enrolments = await this.dataSource.query<
      {
        id: string;
        full_name: string;
        iin: string | null;
        score: { perSkill: { skillId: string; correct: number; total: number; share: number }[] } | null;
      }[]
    >(
      `SELECT e.id, u.full_name, p.iin,
              (SELECT t.score FROM theory_test t WHERE t.enrolment_id = e.id AND t.status = 'submitted') AS score
         FROM enrolment e JOIN app_user u ON u.id = e.candidate_id
         LEFT JOIN candidate_profile p ON p.user_id = e.candidate_id
        WHERE e.session_id = $1 AND e.status = 'enrolled' AND ($2::uuid IS NULL OR e.candidate_id = $2)
        ORDER BY u.full_name, e.id`,
      [sessionId, extract ? actor.userId : null],
    );
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
  private async protocolReach(actor: Actor, session: SessionRow): Promise<boolean> {
    if (actor.role === 'candidate') {
      const [own] = await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM enrolment WHERE session_id = $1 AND candidate_id = $2 AND status = 'enrolled'`,
        [session.id, actor.userId],
      );
      if (own) return true;
    } else if (actor.role === 'assessor') {
      const [sits] = await this.dataSource.query<{ session_id: string }[]>(
        'SELECT session_id FROM session_assessor WHERE session_id = $1 AND assessor_id = $2',
        [session.id, actor.userId],
      );
      if (sits) return false;
    } else if (
      (await this.access.checkAccess(actor, Permission.CentreRead, [session.centre_id])).has(session.centre_id)
    ) {
      return false;
    }
    throw DomainException.notFound('Session', session.id);
  }
}
