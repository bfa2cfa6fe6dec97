import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, UserDto } from '@qualcert/identity';
import { PublicRoute, UuidParamPipe } from '@qualcert/shared';
import {
  AccreditationDto,
  CentreDto,
  CreateAccreditationDto,
  CreateCentreDto,
  CreateCentreStaffDto,
  PublicCentreDto,
  UpdateCentreDto,
} from './centres.dto';
import { CentresService } from './centres.service';

@ApiTags('centres')
@Controller('centres')
export class CentresController {
  constructor(private readonly centres: CentresService) {}

  @Post()
  @Authenticated({
    roles: ['admin'],
    summary: 'Register an assessment centre',
    type: CentreDto,
    status: 201,
    conflict: true,
    errors: ['CENTRE_CODE_TAKEN'],
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCentreDto): Promise<CentreDto> {
    return this.centres.create(actor, dto);
  }

  @Get()
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor'],
    summary: 'Centres: all for an admin, your own otherwise',
    type: [CentreDto],
  })
  list(@CurrentActor() actor: Actor): Promise<CentreDto[]> {
    return this.centres.list(actor);
  }

  @Get(':id')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor'],
    summary: 'One centre',
    type: CentreDto,
    notFound: true,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<CentreDto> {
    return this.centres.get(actor, id);
  }

  @Patch(':id')
  @Authenticated({
    roles: ['admin'],
    summary: 'Change a centre’s details or suspend it',
    type: CentreDto,
    notFound: true,
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateCentreDto,
  ): Promise<CentreDto> {
    return this.centres.update(actor, id, dto);
  }

  @Post(':id/accreditations')
  @Authenticated({
    roles: ['admin'],
    summary: 'Accredit the centre for profession cards over a period',
    type: [AccreditationDto],
    status: 201,
    notFound: true,
    conflict: true,
    errors: ['ACCREDITATION_OVERLAPS', 'CENTRE_SUSPENDED'],
  })
  accredit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateAccreditationDto,
  ): Promise<AccreditationDto[]> {
    return this.centres.accredit(actor, id, dto);
  }

  @Get(':id/accreditations')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor'],
    summary: 'The centre’s accreditations, with whether each is in force',
    type: [AccreditationDto],
    notFound: true,
  })
  accreditations(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AccreditationDto[]> {
    return this.centres.listAccreditations(actor, id);
  }

  @Post(':id/accreditations/:accreditationId/revoke')
  @HttpCode(HttpStatus.OK)
  @Authenticated({ roles: ['admin'], summary: 'Revoke an accreditation', type: AccreditationDto, notFound: true })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('accreditationId', UuidParamPipe) accreditationId: string,
  ): Promise<AccreditationDto> {
    return this.centres.revokeAccreditation(actor, id, accreditationId);
  }

  @Post(':id/staff')
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'Create a staff account in the centre (managers: assessors only)',
    type: UserDto,
    status: 201,
    notFound: true,
    conflict: true,
    errors: ['PASSWORD_TOO_WEAK', 'ROLE_NOT_ALLOWED'],
  })
  createStaff(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateCentreStaffDto,
  ): Promise<UserDto> {
    return this.centres.createStaff(actor, id, dto);
  }

  @Get(':id/staff')
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'The centre’s managers and assessors',
    type: [UserDto],
    notFound: true,
  })
  staff(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<UserDto[]> {
    return this.centres.listStaff(actor, id);
  }
}

@ApiTags('centres')
@Controller('cards')
export class CardCentresController {
  constructor(private readonly centres: CentresService) {}

  @Get(':id/centres')
  @PublicRoute({
    summary: 'Centres accredited for a card today, where a candidate can apply (an unknown card has none)',
    type: [PublicCentreDto],
  })
  accredited(@Param('id', UuidParamPipe) id: string): Promise<PublicCentreDto[]> {
    return this.centres.accreditedFor(id);
  }
}
