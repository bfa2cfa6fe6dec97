import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A centre manager or assessor belongs to one or more centres. The centre is named by string so
 * that identity does not depend on the assessment context that owns centres.
 */
@Entity({ name: 'centre_staff' })
@Index('ix_centre_staff_user', ['userId'])
export class CentreMembershipEntity {
  @PrimaryColumn('uuid', { name: 'centre_id', primaryKeyConstraintName: 'pk_centre_staff' })
  centreId: string;

  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'pk_centre_staff' })
  userId: string;

  @ManyToOne('CentreEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id', foreignKeyConstraintName: 'fk_centre_staff_centre' })
  centre?: unknown;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_centre_staff_user' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
