import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Trimmed } from '@qualcert/shared';

export class ReturnDecisionDto {
  @ApiProperty({ description: 'Why the decision goes back' })
  @Trimmed()
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  reason: string;
}

export class DecisionTermsDto {
  @ApiProperty() certificateValidityMonths: number;
  @ApiProperty() creditValidityMonths: number;
  @ApiProperty() appealWindowDays: number;
  @ApiProperty() retakeWaitDays: number;
  @ApiProperty({ format: 'date', description: 'The last day the decision may be appealed' }) appealDeadline: string;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: 'The last day its credits count for a retake (partial decisions)',
  })
  creditValidUntil: string | null;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: 'The first day a retake may be applied for (not after an awarded decision)',
  })
  retakeOpensOn: string | null;
}

export class DecisionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ enum: ['pending_signoff', 'approved', 'returned', 'superseded'] }) status: string;
  @ApiProperty({ enum: ['awarded', 'partial', 'not_awarded'] }) outcome: string;
  @ApiProperty({ type: [String] }) creditedSkillIds: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Reasoning per function and skill, and the conclusion (skills to improve with their abilities and knowledge)',
  })
  result: unknown;
  @ApiProperty() computedAt: Date;
  @ApiProperty({ nullable: true, type: String }) signedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) signedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) returnReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The decision this one replaces after an appeal' })
  supersedesId: string | null;
  @ApiProperty({
    type: DecisionTermsDto,
    nullable: true,
    description: 'The terms the decision granted, fixed when it was signed; null until then',
  })
  terms: DecisionTermsDto | null;
}
