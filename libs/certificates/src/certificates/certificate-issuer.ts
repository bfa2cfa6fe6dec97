import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  addMonthsToDay,
  AppConfig,
  AuditService,
  FILE_STORAGE,
  FileStorage,
  maskIin,
  OutboxService,
  SYSTEM_ACTOR,
  toIsoDay,
  utcToday,
} from '@qualcert/shared';
import { centreAccreditedFor } from '@qualcert/centres';
import { userNamesAndRoles } from '@qualcert/identity';
import { CardOutlineReader, certifiedCard } from '@qualcert/standards';
import { buildCompetencyCredential, buildCredential, CredentialSkillInput } from '../credentials/credential-builder';
import { signCredential, withProofSet } from '../credentials/credential-signer';
import { renderCertificatePdf } from '../pdf/certificate-pdf';
import { CreditCredentialEntity } from '../status-lists/status-list.entities';
import { StatusListsService } from '../status-lists/status-lists.service';
import { credentialAchievement, groupByFunction, type SkillOfFunctionRow } from './certificate-contents';
import { CertificateContents, CertificateEntity } from './certificate.entity';
import { IssuanceDecision, IssuanceRepository } from './issuance.repository';
import { IssuerKeyProvider } from './issuer-key.provider';
import { formatVerificationCode, generateVerificationCode } from './verification-code';
import { certificateVerificationUrl } from './verification-url';

export type IssueOutcome = 'issued' | 'skipped' | 'no_certificate' | 'credits_issued';

/**
 * The worker's side of certificates: issued for an approved awarding decision (one per decision),
 * numbered per centre and year without gaps or repeats, as a PDF and a signed credential; partial
 * credit as credit credentials; the hourly expiry. The API uses it too, to render a PDF or sign a
 * credential that is asked for before it exists.
 */
@Injectable()
export class CertificateIssuer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly issuer: IssuerKeyProvider,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly statusLists: StatusListsService,
    private readonly outlines: CardOutlineReader,
    private readonly issuance: IssuanceRepository,
  ) {}

  /**
   * The number, the signed credential and the row are written in one transaction; the PDF is
   * rendered after it commits, outside the centre's number lock (docs/PERFORMANCE.md). A job that
   * stops between the commit and the PDF is retried, finds the certificate issued and renders the
   * missing PDF; a download that comes first renders it itself (CertificatesService.pdf).
   */
  async issue(decisionId: string, now = new Date()): Promise<IssueOutcome> {
    const { outcome, certificateId, issued } = await this.issueRecord(decisionId, now);
    // Just committed: its PDF cannot exist yet (the key names the new code), and the row is at hand.
    if (issued) await this.storePdf(issued);
    else if (certificateId) await this.ensurePdf(certificateId);
    return outcome;
  }

  private async issueRecord(
    decisionId: string,
    now: Date,
  ): Promise<{ outcome: IssueOutcome; certificateId: string | null; issued?: CertificateEntity }> {
    return this.dataSource.transaction(async (manager) => {
      const decision = await this.issuance.lockDecision(manager, decisionId);
      if (!decision || decision.status !== 'approved') return { outcome: 'skipped', certificateId: null };
      if (decision.outcome !== 'awarded') {
        await this.revokeSuperseded(manager, decision, null, now);
        const credits = await this.issueCredits(manager, decision, now);
        return { outcome: credits ? 'credits_issued' : 'no_certificate', certificateId: null };
      }
      if (decision.certificate_id) return this.alreadyIssued(manager, decision, decision.certificate_id, now);

      const { contents, holderName } = await this.contents(manager, decision);
      if (decision.holder_iin === null)
        throw new Error(`The holder of decision ${decisionId} has no candidate profile`);
      // The validity the decision granted when it was signed, never the program's as it is now.
      const validityMonths = decision.certificate_validity_months;
      const issuedOn = toIsoDay(now);
      const validUntil = addMonthsToDay(issuedOn, validityMonths);
      const year = now.getUTCFullYear();
      // One upsert takes the next number: concurrent issuance never repeats or skips one.
      const taken = await this.issuance.takeNumber(manager, decisionId, decision.centre_id, year);
      if (taken.issuedId !== null) return this.alreadyIssued(manager, decision, taken.issuedId, now);
      const last = taken.last;
      const number = `${contents.centre.code}-${year}-${String(last).padStart(6, '0')}`;
      const verificationCode = generateVerificationCode();
      // Keyed by the decision, so a second render after a crash overwrites the same file; the key
      // names the code, so a PDF rendered before codes existed is never served (see the migration).
      const pdfKey = `certificates/${decisionId}-${verificationCode.toLowerCase()}`;
      const id = randomUUID();
      const slot = await this.statusLists.allocate(
        manager,
        { id: decision.centre_id, code: contents.centre.code },
        now,
      );
      const row: CertificateEntity = {
        id,
        number,
        verificationCode,
        decisionId,
        applicationId: decision.application_id,
        holderId: decision.candidate_id,
        centreId: decision.centre_id,
        cardId: decision.card_id,
        holderName,
        maskedIin: maskIin(decision.holder_iin),
        issuedOn,
        validUntil,
        validityMonths,
        status: 'valid',
        revokedAt: null,
        revokeReason: null,
        contents,
        credential: null,
        statusList: slot.list,
        statusIndex: slot.index,
        pdfKey,
        createdAt: now,
      };
      row.credential = this.signedCredential(row, now);
      await this.issuance.insert(manager, row);
      await this.audit.record(manager, {
        actor: SYSTEM_ACTOR,
        action: 'certificate.issued',
        entityType: 'certificate',
        entityId: id,
        after: { number, decisionId, issuedOn, validUntil },
      });
      await this.outbox.publish(manager, 'notification.requested', {
        kind: 'certificate.issued',
        subjectId: id,
        applicationId: decision.application_id,
      });
      await this.revokeSuperseded(manager, decision, number, now);
      return { outcome: 'issued', certificateId: id, issued: row };
    });
  }

  /** The decision has its certificate: only the revocation its appeal asks for may be missing. */
  private async alreadyIssued(
    manager: EntityManager,
    decision: IssuanceDecision,
    certificateId: string,
    now: Date,
  ): Promise<{ outcome: IssueOutcome; certificateId: string }> {
    await this.revokeSuperseded(manager, decision, null, now);
    return { outcome: 'skipped', certificateId };
  }

  /** Renders and stores the certificate's PDF unless it is stored already. */
  private async ensurePdf(certificateId: string): Promise<void> {
    const row = await this.issuance.get(this.dataSource.manager, certificateId);
    if (!(await this.storage.exists(row.pdfKey))) await this.storePdf(row);
  }

  /**
   * The Open Badges 3.0 credential of a certificate, from its row alone, signed now. It names the
   * holder but carries no ИИН; its id is the certificate's `urn:uuid:` and its status its bit in the
   * centre's revocation list (docs/CREDENTIALS.md). A certificate issued before the lists has no bit.
   */
  private signedCredential(row: CertificateEntity, now: Date): Record<string, unknown> {
    const { centre } = row.contents;
    const credential = signCredential(
      buildCredential({
        id: `urn:uuid:${row.id}`,
        number: row.number,
        issuer: { id: this.issuer.centreIssuerId(centre.code), name: centre.name },
        holder: { name: row.holderName },
        ...credentialAchievement(row.cardId, row.contents),
        validFrom: `${row.issuedOn}T00:00:00Z`,
        validUntil: `${row.validUntil}T23:59:59Z`,
        ...(row.statusList !== null && row.statusIndex !== null
          ? {
              status: {
                listCredential: this.statusLists.listUrl(centre.code, row.statusList),
                index: row.statusIndex,
              },
            }
          : {}),
      }),
      this.issuer.key,
      this.issuer.verificationMethodId,
      now,
    );
    return withProofSet(credential) as unknown as Record<string, unknown>;
  }

  /**
   * The row's credential; a certificate issued before verification codes has none (its old one
   * named the masked ИИН and was dropped by the migration) and gets it signed here, once: of two
   * requests at the same moment, the first one's signature is kept.
   */
  async ensureCredential(row: CertificateEntity): Promise<Record<string, unknown>> {
    if (row.credential) return row.credential;
    return this.issuance.credentialOnce(this.dataSource.manager, row.id, this.signedCredential(row, new Date()));
  }

  /** The PDF from the certificate's row alone: the same row always gives the same bytes. */
  async storePdf(row: CertificateEntity): Promise<Buffer> {
    const { contents } = row;
    const pdf = await renderCertificatePdf({
      number: row.number,
      verificationCode: formatVerificationCode(row.verificationCode),
      holderName: row.holderName,
      maskedIin: row.maskedIin,
      card: contents.card,
      standard: {
        title: contents.standard.title,
        orderNumber: contents.standard.orderNumber,
        orderDate: contents.standard.orderDate,
        version: contents.standard.version,
        versionDate: contents.standard.versionDate ?? null,
      },
      functions: contents.functions.map((f) => ({
        title: f.title,
        kind: f.kind,
        skills: f.skills.map((s) => s.title),
      })),
      issueDate: row.issuedOn,
      validUntil: row.validUntil,
      centre: contents.centre,
      signedBy: contents.signedBy,
      signer: contents.signer ?? null,
      verificationUrl: this.verificationUrl(row),
    });
    await this.storage.put(row.pdfKey, pdf, 'application/pdf');
    return pdf;
  }

  verificationUrl(row: Pick<CertificateEntity, 'number' | 'verificationCode'>): string {
    return certificateVerificationUrl(this.config.PUBLIC_BASE_URL, row.number, row.verificationCode);
  }

  /**
   * A decision made on appeal replaces the one it supersedes: that decision's certificate, if
   * any, is revoked with a reason naming its replacement. Idempotent: a revoked one is left as is.
   */
  private async revokeSuperseded(
    manager: EntityManager,
    decision: IssuanceDecision,
    replacementNumber: string | null,
    now: Date,
  ): Promise<void> {
    if (!decision.supersedes_id) return;
    const reason = replacementNumber
      ? `Replaced by certificate ${replacementNumber} after an appeal`
      : 'The decision it was issued on was superseded after an appeal';
    const revoked = await this.issuance.revokeOfDecision(manager, decision.supersedes_id, now, reason);
    // The credits of the decision replaced are withdrawn too: the new decision says what stands.
    const credits = await this.issuance.revokeCreditsOfDecision(manager, decision.supersedes_id, now);
    const lists = new Set([...revoked.map((r) => r.status_list), ...credits.map((c) => c.status_list)]);
    await this.statusLists.republishLists(manager, decision.centre_id, lists, now);
    for (const row of revoked) {
      await this.audit.record(manager, {
        actor: SYSTEM_ACTOR,
        action: 'certificate.revoked',
        entityType: 'certificate',
        entityId: row.id,
        after: { status: 'revoked', reason, supersededBy: decision.id },
      });
    }
  }

  /** Marks certificates past their validity as expired (run on a schedule by the worker). */
  async expireDue(today = utcToday()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const expired = await this.issuance.expireBefore(manager, today);
      for (const row of expired) {
        await this.audit.record(manager, {
          actor: SYSTEM_ACTOR,
          action: 'certificate.expired',
          entityType: 'certificate',
          entityId: row.id,
          before: { status: 'valid' },
          after: { status: 'expired', number: row.number },
        });
      }
      return expired.length;
    });
  }

  /**
   * Partial credit: an approved decision that credits skills without awarding the card gives one
   * credential per labour function with credited skills, each with its own bit in the centre's list.
   * Once per decision and function (a unique index): a rerun of the job finds them issued.
   */
  private async issueCredits(manager: EntityManager, decision: IssuanceDecision, now: Date): Promise<boolean> {
    if (decision.credited_skill_ids.length === 0) return false;
    const issued = await this.issuance.creditsIssuedOn(manager, decision.id);
    if (issued > 0) return true;
    const { contents, holderName } = await this.contents(manager, decision);
    const credited = new Set(decision.credited_skill_ids);
    const functions = new Map<string, { title: string; skills: CredentialSkillInput[] }>();
    for (const f of (await this.outlines.read(decision.card_id, manager)).functions) {
      const skills = f.skills
        .filter((s) => credited.has(s.id))
        .map((s) => ({ id: s.id, title: s.title, functionTitle: f.title, result: 'credited' }));
      if (skills.length > 0) functions.set(f.id, { title: f.title, skills });
    }
    const { card } = credentialAchievement(decision.card_id, contents);
    const signedAt = new Date(decision.signed_at ?? now);
    const validFrom = signedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const validUntil = decision.credit_validity_months
      ? `${addMonthsToDay(validFrom.slice(0, 10), decision.credit_validity_months)}T23:59:59Z`
      : undefined;
    for (const [functionId, fn] of functions) {
      const id = randomUUID();
      const slot = await this.statusLists.allocate(
        manager,
        { id: decision.centre_id, code: contents.centre.code },
        now,
      );
      const credential = withProofSet(
        signCredential(
          buildCompetencyCredential({
            id: `urn:uuid:${id}`,
            issuer: { id: this.issuer.centreIssuerId(contents.centre.code), name: contents.centre.name },
            holder: { name: holderName },
            card,
            labourFunction: { id: functionId, title: fn.title },
            skills: fn.skills,
            validFrom,
            validUntil,
            status: { listCredential: slot.listCredential, index: slot.index },
          }),
          this.issuer.key,
          this.issuer.verificationMethodId,
          now,
        ),
      ) as unknown as Record<string, unknown>;
      await this.issuance.insertCredit(manager, {
        id,
        decisionId: decision.id,
        applicationId: decision.application_id,
        holderId: decision.candidate_id,
        centreId: decision.centre_id,
        functionId,
        statusList: slot.list,
        statusIndex: slot.index,
        status: 'valid',
        revokedAt: null,
        credential,
        createdAt: now,
      } as QueryDeepPartialEntity<CreditCredentialEntity>);
      await this.audit.record(manager, {
        actor: SYSTEM_ACTOR,
        action: 'credit_credential.issued',
        entityType: 'credit_credential',
        entityId: id,
        after: { decisionId: decision.id, functionId },
      });
    }
    return true;
  }

  /**
   * What the certificate states, and the holder's name: one read per context it comes from (the
   * card and standard version, the centre and its accreditation, the signer's and the holder's
   * accounts); the card's outline is each process's frozen copy.
   */
  private async contents(
    manager: EntityManager,
    decision: IssuanceDecision,
  ): Promise<{ contents: CertificateContents; holderName: string }> {
    const certified = await certifiedCard(manager, decision.card_id, decision.standard_version_id);
    if (!certified)
      throw new Error(`Card ${decision.card_id} or standard version ${decision.standard_version_id} not found`);
    // The accreditation in force for the card on the day the decision was signed.
    const centre = await centreAccreditedFor(manager, decision.centre_id, decision.card_id, decision.signed_at);
    if (!centre) throw new Error(`Centre ${decision.centre_id} not found`);
    const users = await userNamesAndRoles(
      manager,
      decision.signed_by ? [decision.candidate_id, decision.signed_by] : [decision.candidate_id],
    );
    const holder = users.get(decision.candidate_id);
    if (!holder) throw new Error(`Holder ${decision.candidate_id} not found`);
    const signer = decision.signed_by ? users.get(decision.signed_by) : undefined;
    const credited = new Set(decision.credited_skill_ids);
    const skills = (await this.outlines.read(decision.card_id, manager)).functions.flatMap((f) =>
      f.skills
        .filter((s) => credited.has(s.id))
        .map((s): SkillOfFunctionRow => ({ id: s.id, title: s.title, f_title: f.title, kind: f.kind })),
    );
    const contents: CertificateContents = {
      card: certified.card,
      standard: certified.standard,
      centre: { code: centre.code, name: centre.name, accreditation: centre.accreditation },
      signedBy: signer?.fullName ?? '',
      ...(signer && decision.signed_at
        ? { signer: { role: signer.role, signedAt: new Date(decision.signed_at).toISOString() } }
        : {}),
      functions: groupByFunction(skills),
    };
    return { contents, holderName: holder.fullName };
  }
}
