import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CentresService } from '@qualcert/centres';
import { AccessService, Actor, Authenticated, CurrentActor, Permission } from '@qualcert/identity';
import { PageQueryDto, QueuedDto, UuidParamPipe, WORKFLOW_QUEUES } from '@qualcert/shared';
import { FailedJobsService } from './failed-jobs.service';

/** A page of failed jobs: the list's `limit`, as every paginated list has it. */
export class CentreFailedJobsQueryDto extends PickType(PageQueryDto, ['limit'] as const) {}

export class FailedJobsQueryDto extends CentreFailedJobsQueryDto {
  @ApiPropertyOptional({ enum: WORKFLOW_QUEUES })
  @IsOptional()
  @IsIn(WORKFLOW_QUEUES)
  queue?: (typeof WORKFLOW_QUEUES)[number];
}

export class FailedJobDto {
  @ApiProperty({ enum: WORKFLOW_QUEUES }) queue: string;
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The ids the job carries' }) data: Record<string, unknown>;
  @ApiProperty() attemptsMade: number;
  @ApiProperty() failedReason: string;
  @ApiProperty({ nullable: true, type: Date }) failedAt: Date | null;
}

@ApiTags('operations')
@Controller('admin/jobs')
export class FailedJobsController {
  constructor(private readonly jobs: FailedJobsService) {}

  @Get('failed')
  @Authenticated({
    roles: ['admin'],
    summary: 'Jobs that failed after every retry, newest first',
    type: [FailedJobDto],
  })
  list(@Query() query: FailedJobsQueryDto): Promise<FailedJobDto[]> {
    return this.jobs.failed(query.queue, query.limit);
  }

  @Post(':queue/:id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @Authenticated({
    roles: ['admin'],
    summary: 'Put a failed job back on its queue',
    status: 202,
    type: QueuedDto,
    notFound: true,
  })
  async retry(@Param('queue') queue: string, @Param('id') id: string): Promise<QueuedDto> {
    await this.jobs.retry(queue, id);
    return { status: 'queued', outcome: `/api/v1/admin/jobs/failed?queue=${encodeURIComponent(queue)}` };
  }
}

@ApiTags('operations')
@Controller('centres')
export class CentreFailedJobsController {
  constructor(
    private readonly jobs: FailedJobsService,
    private readonly access: AccessService,
    private readonly centres: CentresService,
  ) {}

  @Get(':id/jobs/failed')
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary:
      'Jobs about the centre’s applications, decisions, appeals and tests that failed after every retry, newest first (an administrator retries them)',
    type: [FailedJobDto],
    notFound: true,
  })
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CentreFailedJobsQueryDto,
  ): Promise<FailedJobDto[]> {
    await this.access.requireAccess(actor, Permission.CentreManageStaff, [id], 'Centre');
    // An administrator reaches every id: an unknown centre is a 404 all the same.
    await this.centres.get(actor, id);
    return this.jobs.failedOfCentre(id, query.limit);
  }
}
