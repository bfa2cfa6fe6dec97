import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LabourFunctionEntity } from './labour-function.entity';
import { ProfessionCardEntity } from './profession-card.entity';
import type { RecognitionFlag } from '../parser/parsed-standard';

@Entity({ name: 'skill' })
@Index('uq_skill_number', ['functionId', 'number'], { unique: true })
@Index('ix_skill_card', ['cardId'])
@Check('ck_skill_recognition', `"recognition" IN ('recommended', 'not_recommended')`)
export class SkillEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_skill' })
  id: string;

  @Column('uuid', { name: 'function_id' })
  functionId: string;

  @ManyToOne(() => LabourFunctionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'function_id', foreignKeyConstraintName: 'fk_skill_function' })
  labourFunction?: LabourFunctionEntity;

  /** Denormalised from the function: skills are looked up per card on every assessment. */
  @Column('uuid', { name: 'card_id' })
  cardId: string;

  @ManyToOne(() => ProfessionCardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'card_id', foreignKeyConstraintName: 'fk_skill_card' })
  card?: ProfessionCardEntity;

  @Column('integer')
  number: number;

  @Column('integer', { name: 'printed_number' })
  printedNumber: number;

  @Column('text')
  title: string;

  @Column('varchar', { length: 20 })
  recognition: RecognitionFlag;

  @Column('integer', { name: 'source_line' })
  sourceLine: number;
}

@Entity({ name: 'skill_ability' })
@Index('uq_skill_ability_position', ['skillId', 'position'], { unique: true })
export class AbilityEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_skill_ability' })
  id: string;

  @Column('uuid', { name: 'skill_id' })
  skillId: string;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_skill_ability_skill' })
  skill?: SkillEntity;

  @Column('integer')
  position: number;

  @Column('text')
  text: string;
}

@Entity({ name: 'skill_knowledge' })
@Index('uq_skill_knowledge_position', ['skillId', 'position'], { unique: true })
export class KnowledgeItemEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_skill_knowledge' })
  id: string;

  @Column('uuid', { name: 'skill_id' })
  skillId: string;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_skill_knowledge_skill' })
  skill?: SkillEntity;

  @Column('integer')
  position: number;

  @Column('text')
  text: string;
}
