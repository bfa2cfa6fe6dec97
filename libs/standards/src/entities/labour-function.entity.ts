import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProfessionCardEntity } from './profession-card.entity';
import type { FunctionKind } from '../parser/parsed-standard';

@Entity({ name: 'labour_function' })
@Index('uq_labour_function_number', ['cardId', 'kind', 'number'], { unique: true })
@Check('ck_labour_function_kind', `"kind" IN ('mandatory', 'additional')`)
export class LabourFunctionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_labour_function' })
  id: string;

  @Column('uuid', { name: 'card_id' })
  cardId: string;

  @ManyToOne(() => ProfessionCardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'card_id', foreignKeyConstraintName: 'fk_labour_function_card' })
  card?: ProfessionCardEntity;

  @Column('varchar', { length: 20 })
  kind: FunctionKind;

  /** Position within its kind, in the order of the card's list of functions. */
  @Column('integer')
  number: number;

  /** Position on the card across both kinds (mandatory first): the order to show them in. */
  @Column('integer')
  position: number;

  @Column('text')
  title: string;

  @Column('integer', { name: 'source_line' })
  sourceLine: number;
}
