import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trimmed } from '@qualcert/shared';

export class LodgeAppealDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Skills of the card the decision did not credit' })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  contestedSkillIds: string[];

  @ApiProperty({ description: 'Why the candidate contests the decision' })
  @Trimmed()
  @IsString()
  @MinLength(20)
  @MaxLength(8000)
  grounds: string;
}

export class AssignPanelDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'At least two assessors of the centre who took no part in the application',
  })
  @IsUUID('all', { each: true })
  @ArrayMinSize(2)
  @ArrayMaxSize(7)
  assessorIds: string[];
}

export class PanelVoteDto {
  @ApiProperty({ enum: ['uphold', 'reassess'] })
  @IsIn(['uphold', 'reassess'])
  vote: 'uphold' | 'reassess';

  @ApiProperty()
  @Trimmed()
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  reason: string;
}

export class ReassessSkillDto {
  @ApiProperty({ enum: ['passed', 'failed'] })
  @IsIn(['passed', 'failed'])
  result: 'passed' | 'failed';

  @ApiProperty({ description: 'What the panel examined and found' })
  @Trimmed()
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  note: string;
}

export class PanelMemberDto {
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty({ enum: ['uphold', 'reassess'], nullable: true, type: String }) vote: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: Date }) votedAt: Date | null;
}

export class ReassessmentDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ enum: ['passed', 'failed'] }) result: string;
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty() note: string;
  @ApiProperty() recordedAt: Date;
}

export class AppealDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid', description: 'The contested decision' }) decisionId: string;
  @ApiProperty({ type: [String] }) contestedSkillIds: string[];
  @ApiProperty() grounds: string;
  @ApiProperty({ description: 'The last day the appeal could be lodged (UTC)' }) deadline: string;
  @ApiProperty({ enum: ['lodged', 'hearing', 'upheld', 'reassessment', 'reassessed', 'resolved'] }) status: string;
  @ApiProperty({ nullable: true, type: Date }) heardAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'The decision computed after re-assessment' })
  newDecisionId: string | null;
  @ApiProperty({ type: [PanelMemberDto] }) panel: PanelMemberDto[];
  @ApiProperty({ type: [ReassessmentDto] }) reassessments: ReassessmentDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Stable: decision.approved, certificate.issued, appeal.upheld, …' }) kind: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() title: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) readAt: Date | null;
}
