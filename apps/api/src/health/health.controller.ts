import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@qualcert/shared';
import type { FastifyReply } from 'fastify';
import { HealthReportDto } from './health-report.dto';
import { HealthReport, HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @PublicRoute({ summary: 'Liveness and readiness: PostgreSQL and Redis are checked', type: HealthReportDto })
  @ApiResponse({ status: 503, description: 'A dependency does not answer', type: HealthReportDto })
  async check(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthReport> {
    const report = await this.health.check();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
