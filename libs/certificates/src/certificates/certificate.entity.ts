import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A certificate: one per approved awarding decision (a unique index), numbered
 * {centre code}-{year}-{sequence}. Revoked certificates stay in the registry as revoked.
 */
@Entity({ name: 'certificate' })
@Index('uq_certificate_number', ['number'], { unique: true })
@Index('uq_certificate_decision', ['decisionId'], { unique: true })
@Index('ix_certificate_holder', ['holderId'])
@Index('uq_certificate_status_entry', ['centreId', 'statusList', 'statusIndex'], { unique: true })
@Check('ck_certificate_status', `"status" IN ('valid', 'expired', 'revoked')`)
@Check('ck_certificate_verification_code', `"verification_code" ~ '^[0-9A-HJKMNP-TV-Z]{10}$'`)
export class CertificateEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_certificate' })
  id: string;

  @Column('varchar', { length: 40 })
  number: string;

  /**
   * Printed on the certificate beside its number (XXXXX-XXXXX); the public lookup needs both, so
   * that the sequential numbers cannot be walked. Random, 10 characters of Crockford base32.
   */
  @Column('varchar', { name: 'verification_code', length: 10 })
  verificationCode: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @ManyToOne('DecisionEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_certificate_decision' })
  decision?: unknown;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'holder_id' })
  holderId: string;

  @Column('uuid', { name: 'centre_id' })
  centreId: string;

  @Column('uuid', { name: 'card_id' })
  cardId: string;

  @Column('varchar', { name: 'holder_name', length: 300 })
  holderName: string;

  @Column('varchar', { name: 'masked_iin', length: 12 })
  maskedIin: string;

  @Column('date', { name: 'issued_on' })
  issuedOn: string;

  @Column('date', { name: 'valid_until' })
  validUntil: string;

  /** The validity the decision granted, in months from the issue day (fixed when it was signed). */
  @Column('smallint', { name: 'validity_months' })
  validityMonths: number;

  @Column('varchar', { length: 20, default: 'valid' })
  status: 'valid' | 'expired' | 'revoked';

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoke_reason', nullable: true })
  revokeReason: string | null;

  /** What the public page and the credential show: card, standard, centre, credited skills. */
  @Column('jsonb')
  contents: CertificateContents;

  /**
   * The signed credential; null only for a certificate issued before verification codes, whose
   * credential named the masked ИИН: it is signed again, from the row, when first asked for.
   */
  @Column('jsonb', { nullable: true })
  credential: Record<string, unknown> | null;

  /** The credential's list and bit in its centre's revocation list; null for one issued before lists. */
  @Column('integer', { name: 'status_list', nullable: true })
  statusList: number | null;

  @Column('integer', { name: 'status_index', nullable: true })
  statusIndex: number | null;

  @Column('varchar', { name: 'pdf_key', length: 200 })
  pdfKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export interface CertificateContents {
  card: { name: string; occupationCode: string | null; orkLevel: number };
  standard: {
    title: string;
    version: number;
    orderNumber: string | null;
    orderDate: string | null;
    /** The version's date (its approval order's, else its import's); absent on older certificates. */
    versionDate?: string;
    contentHash: string;
  };
  centre: {
    code: string;
    name: string;
    /** The accreditation in force for the card on the day of issue; absent on older certificates. */
    accreditation?: { documentRef: string; validFrom: string; validTo: string } | null;
  };
  signedBy: string;
  /** The signer's role and when they signed; absent on older certificates. */
  signer?: { role: string; signedAt: string };
  functions: { title: string; kind: 'mandatory' | 'additional'; skills: { id: string; title: string }[] }[];
}

/** The last number used per centre and year; taken by one upsert, so numbers never repeat. */
@Entity({ name: 'certificate_sequence' })
export class CertificateSequenceEntity {
  @PrimaryColumn('uuid', { name: 'centre_id', primaryKeyConstraintName: 'pk_certificate_sequence' })
  centreId: string;

  @PrimaryColumn('integer', { primaryKeyConstraintName: 'pk_certificate_sequence' })
  year: number;

  @Column('integer')
  last: number;
}
