import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';

/** A professional standard, across all the versions of its text that were imported. */
@Entity({ name: 'standard' })
@Index('uq_standard_title_key', ['titleKey'], { unique: true })
export class StandardEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_standard' })
  id: string;

  @Column('varchar', { length: 500 })
  title: string;

  /** The title folded to lower case and single spaces: the standard's identity across versions. */
  @Column('varchar', { name: 'title_key', length: 500 })
  titleKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export interface StandardImportWarning {
  line: number;
  code: string;
  message: string;
}

export interface AppliedCorrection {
  target: string;
  field: string;
  asParsed: string;
  shouldRead: string;
  applied: boolean;
  reason?: string;
}

/** One imported text of a standard. Immutable: decisions and certificates point at it. */
@Entity({ name: 'standard_version' })
@Index('uq_standard_version_content_hash', ['contentHash'], { unique: true })
@Index('uq_standard_version_number', ['standardId', 'version'], { unique: true })
@Check('ck_standard_version_version_positive', '"version" > 0')
export class StandardVersionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_standard_version' })
  id: string;

  @Column('uuid', { name: 'standard_id' })
  standardId: string;

  @ManyToOne(() => StandardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'fk_standard_version_standard' })
  standard?: StandardEntity;

  @Column('integer')
  version: number;

  /** SHA-256 of the normalised text together with the corrections applied to it. */
  @Column('varchar', { name: 'content_hash', length: 64 })
  contentHash: string;

  /** SHA-256 of the normalised text alone. */
  @Column('varchar', { name: 'text_hash', length: 64 })
  textHash: string;

  @Column('varchar', { name: 'source_name', length: 300 })
  sourceName: string;

  @Column('varchar', { name: 'order_number', length: 50, nullable: true })
  orderNumber: string | null;

  @Column('date', { name: 'order_date', nullable: true })
  orderDate: string | null;

  @Column('varchar', { name: 'issued_by', length: 500, nullable: true })
  issuedBy: string | null;

  @Column('jsonb', { name: 'oked_codes' })
  okedCodes: { code: string; name: string }[];

  @Column('jsonb')
  warnings: StandardImportWarning[];

  @Column('jsonb')
  corrections: AppliedCorrection[];

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;
}
