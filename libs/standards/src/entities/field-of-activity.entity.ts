import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A field of activity in which work experience is counted (DOMAIN.md §3). Fields form a tree: a
 * narrower field (call centres) is part of a broader one (reference-information services), and
 * experience in it counts towards the broader one, never the other way round. The tree is data,
 * seeded by a migration: a standard that names a new field adds a row, not code. Codes are
 * stable; employment records and the cards' rules refer to them.
 */
@Entity({ name: 'field_of_activity' })
@Index('ix_field_of_activity_parent', ['parentCode'])
@Check('ck_field_of_activity_code', `"code" ~ '^[a-z][a-z0-9_]*$'`)
@Check('ck_field_of_activity_parent', `"parent_code" IS NULL OR "parent_code" <> "code"`)
export class FieldOfActivityEntity {
  @PrimaryColumn('varchar', { length: 60, primaryKeyConstraintName: 'pk_field_of_activity' })
  code: string;

  /** The broader field this one is part of; null for a root. */
  @Column('varchar', { name: 'parent_code', length: 60, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => FieldOfActivityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'fk_field_of_activity_parent' })
  parent?: FieldOfActivityEntity;

  /** Names as they read inside a sentence (lower case but for proper names and abbreviations). */
  @Column('varchar', { name: 'name_kk', length: 300 })
  nameKk: string;

  @Column('varchar', { name: 'name_ru', length: 300 })
  nameRu: string;

  @Column('varchar', { name: 'name_en', length: 300 })
  nameEn: string;

  /** Order among siblings. */
  @Column('smallint', { default: 0 })
  position: number;
}
