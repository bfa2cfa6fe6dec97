import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const CENTRE_STATUSES = ['active', 'suspended'] as const;
export type CentreStatus = (typeof CENTRE_STATUSES)[number];

/** An assessment centre. Its code is part of every certificate number it issues. */
@Entity({ name: 'centre' })
@Index('uq_centre_code', ['code'], { unique: true })
@Check('ck_centre_status', `"status" IN ('active', 'suspended')`)
@Check('ck_centre_code', `"code" ~ '^[A-Z0-9]{2,10}$'`)
export class CentreEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_centre' })
  id: string;

  @Column('varchar', { length: 10 })
  code: string;

  @Column('varchar', { length: 300 })
  name: string;

  @Column('varchar', { length: 100 })
  region: string;

  @Column('varchar', { length: 500 })
  address: string;

  @Column('varchar', { length: 50, nullable: true })
  phone: string | null;

  @Column('varchar', { length: 320, nullable: true })
  email: string | null;

  @Column('varchar', { length: 20, default: 'active' })
  status: CentreStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
