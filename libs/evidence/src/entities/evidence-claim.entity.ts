import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SkillEntity } from '@qualcert/standards';
import { EvidenceFileEntity } from './evidence-file.entity';

/** "This file proves this skill" for one application. Only recommended skills can be claimed. */
@Entity({ name: 'evidence_claim' })
@Index('ix_evidence_claim_evidence', ['evidenceId'])
@Index('ix_evidence_claim_skill', ['skillId'])
export class EvidenceClaimEntity {
  @PrimaryColumn('uuid', { name: 'application_id', primaryKeyConstraintName: 'pk_evidence_claim' })
  applicationId: string;

  @PrimaryColumn('uuid', { name: 'evidence_id', primaryKeyConstraintName: 'pk_evidence_claim' })
  evidenceId: string;

  @PrimaryColumn('uuid', { name: 'skill_id', primaryKeyConstraintName: 'pk_evidence_claim' })
  skillId: string;

  @ManyToOne('ApplicationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_evidence_claim_application' })
  application?: unknown;

  @ManyToOne(() => EvidenceFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'fk_evidence_claim_evidence' })
  evidence?: EvidenceFileEntity;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_evidence_claim_skill' })
  skill?: SkillEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
