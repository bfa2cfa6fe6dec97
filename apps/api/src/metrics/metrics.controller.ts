import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppConfig, DomainException, metricsAuthorised, metricsRegistry, PublicRoute } from '@qualcert/shared';

/** Prometheus' scrape endpoint, outside the versioned API like /health. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @PublicRoute({ summary: 'Prometheus metrics' })
  @Header('Content-Type', metricsRegistry.contentType)
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    if (!metricsAuthorised(authorization, this.config.METRICS_TOKEN)) {
      throw new DomainException('UNAUTHENTICATED', 'The metrics need the metrics token');
    }
    return metricsRegistry.metrics();
  }
}
