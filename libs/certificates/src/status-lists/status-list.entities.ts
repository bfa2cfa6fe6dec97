import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A centre's revocation list (W3C Bitstring Status List): the signed list credential as published,
 * signed again whenever one of its credentials is revoked (docs/CREDENTIALS.md).
 */
@Entity({ name: 'credential_status_list' })
@Check('ck_credential_status_list_number', '"list_number" >= 0')
export class CredentialStatusListEntity {
  @PrimaryColumn('uuid', { name: 'centre_id', primaryKeyConstraintName: 'pk_credential_status_list' })
  centreId: string;

  @PrimaryColumn('integer', { name: 'list_number', primaryKeyConstraintName: 'pk_credential_status_list' })
  listNumber: number;

  @Column('jsonb')
  credential: Record<string, unknown>;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

/** The last status position a centre gave out; taken by one upsert, so no two credentials share a bit. */
@Entity({ name: 'credential_status_sequence' })
export class CredentialStatusSequenceEntity {
  @PrimaryColumn('uuid', { name: 'centre_id', primaryKeyConstraintName: 'pk_credential_status_sequence' })
  centreId: string;

  @Column('integer')
  last: number;
}

/**
 * A credential for partial credit: one per labour function with skills credited by a decision that
 * did not award the card. Revoked when a decision on appeal replaces that decision.
 */
@Entity({ name: 'credit_credential' })
@Index('uq_credit_credential_function', ['decisionId', 'functionId'], { unique: true })
@Index('uq_credit_credential_status', ['centreId', 'statusList', 'statusIndex'], { unique: true })
@Index('ix_credit_credential_application', ['applicationId'])
@Check('ck_credit_credential_status', `"status" IN ('valid', 'revoked')`)
export class CreditCredentialEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_credit_credential' })
  id: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'holder_id' })
  holderId: string;

  @Column('uuid', { name: 'centre_id' })
  centreId: string;

  @Column('uuid', { name: 'function_id' })
  functionId: string;

  @Column('integer', { name: 'status_list' })
  statusList: number;

  @Column('integer', { name: 'status_index' })
  statusIndex: number;

  @Column('varchar', { length: 20, default: 'valid' })
  status: 'valid' | 'revoked';

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('jsonb')
  credential: Record<string, unknown>;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
