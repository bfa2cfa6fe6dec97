import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { UuidParamPipe } from '@qualcert/shared';
import {
  AccreditAssessorDto,
  AssessorDto,
  AssignabilityDto,
  AssignabilityQueryDto,
  CloseConflictDto,
  ConflictDto,
  DeclareConflictDto,
  SetAssessorProfileDto,
} from './assessors.dto';
import { AssessorsService } from './assessors.service';

@ApiTags('assessors')
@Controller('assessors')
export class AssessorsController {
  constructor(private readonly assessors: AssessorsService) {}

  @Post('me/conflicts')
  @Authenticated({
    roles: ['assessor'],
    summary: 'Declare a conflict of interest (with a candidate or an employer)',
    type: ConflictDto,
    status: 201,
    notFound: true,
  })
  declare(@CurrentActor() actor: Actor, @Body() dto: DeclareConflictDto): Promise<ConflictDto> {
    return this.assessors.declareConflict(actor, dto);
  }

  @Post('me/conflicts/:id/close')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['assessor'],
    summary: 'Close a declaration, with a reason (declarations are never deleted)',
    type: ConflictDto,
    notFound: true,
    conflict: true,
    errors: ['INVALID_TRANSITION'],
  })
  close(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CloseConflictDto,
  ): Promise<ConflictDto> {
    return this.assessors.closeConflict(actor, id, dto.reason);
  }

  @Get(':id')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor'],
    summary: 'An assessor’s qualification, accreditations and declarations',
    type: AssessorDto,
    notFound: true,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AssessorDto> {
    return this.assessors.get(actor, id);
  }

  @Put(':id/profile')
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'Set an assessor’s ОРК level and field',
    type: AssessorDto,
    notFound: true,
  })
  setProfile(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: SetAssessorProfileDto,
  ): Promise<AssessorDto> {
    return this.assessors.setProfile(actor, id, dto);
  }

  @Post(':id/accreditations')
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'Accredit an assessor for cards over a period',
    type: AssessorDto,
    status: 201,
    notFound: true,
  })
  accredit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AccreditAssessorDto,
  ): Promise<AssessorDto> {
    return this.assessors.accredit(actor, id, dto);
  }

  @Post(':id/accreditations/:accreditationId/revoke')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'Revoke an assessor’s accreditation',
    type: AssessorDto,
    notFound: true,
  })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('accreditationId', UuidParamPipe) accreditationId: string,
  ): Promise<AssessorDto> {
    return this.assessors.revokeAccreditation(actor, id, accreditationId);
  }

  @Get(':id/assignability')
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'Whether the assessor may assess these candidates for a card, and which rules fail',
    type: AssignabilityDto,
    notFound: true,
  })
  assignability(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: AssignabilityQueryDto,
  ): Promise<AssignabilityDto> {
    return this.assessors.assignability(
      actor,
      id,
      query.cardId,
      query.candidateIds ? query.candidateIds.split(',') : [],
    );
  }
}
