import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { ProfessionCardEntity } from '@qualcert/standards';
import { CentreEntity } from './centre.entity';

export const ACCREDITATION_STATUSES = ['active', 'revoked'] as const;
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];

/**
 * A centre's accreditation to assess against one profession card of one standard version, for a
 * period. Periods of the same centre and card may not overlap (an exclusion constraint in the
 * migration), so "is the centre accredited on this day" has one answer.
 */
@Entity({ name: 'accreditation' })
@Index('ix_accreditation_centre', ['centreId', 'cardId'])
@Index('ix_accreditation_card', ['cardId'])
@Check('ck_accreditation_period', '"valid_to" >= "valid_from"')
@Check('ck_accreditation_status', `"status" IN ('active', 'revoked')`)
@Exclusion(
  'ex_accreditation_overlap',
  `USING gist ("centre_id" WITH =, "card_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&) WHERE ("status" = 'active')`,
)
export class AccreditationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_accreditation' })
  id: string;

  @Column('uuid', { name: 'centre_id' })
  centreId: string;

  @ManyToOne(() => CentreEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id', foreignKeyConstraintName: 'fk_accreditation_centre' })
  centre?: CentreEntity;

  @Column('uuid', { name: 'card_id' })
  cardId: string;

  @ManyToOne(() => ProfessionCardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'card_id', foreignKeyConstraintName: 'fk_accreditation_card' })
  card?: ProfessionCardEntity;

  @Column('uuid', { name: 'standard_version_id' })
  standardVersionId: string;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  @Column('date', { name: 'valid_to' })
  validTo: string;

  @Column('varchar', { name: 'document_ref', length: 200 })
  documentRef: string;

  @Column('varchar', { length: 20, default: 'active' })
  status: AccreditationStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
