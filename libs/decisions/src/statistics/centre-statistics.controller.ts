import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { UuidParamPipe } from '@qualcert/shared';
import { CentreStatisticsDto, CentreStatisticsQueryDto } from './centre-statistics.dto';
import { CentreStatisticsService } from './centre-statistics.service';

@ApiTags('statistics')
@Controller('centres')
export class CentreStatisticsController {
  constructor(private readonly statistics: CentreStatisticsService) {}

  @Get(':id/statistics')
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary:
      'The centre’s statistics over a period of whole days: applications and eligibility, pass rates per card and skill, ' +
      'recognition against the exam, assessors’ workload, decisions and appeal outcomes',
    type: CentreStatisticsDto,
    notFound: true,
    errors: ['PERIOD_REVERSED'],
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CentreStatisticsQueryDto,
  ): Promise<CentreStatisticsDto> {
    return this.statistics.statistics(actor, id, query);
  }
}
