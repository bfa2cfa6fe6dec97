import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DependencyStatus, HealthReport } from './health.service';

class DependencyStatusDto implements DependencyStatus {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty() latencyMs: number;
  @ApiPropertyOptional({ description: 'Why the dependency is down' }) error?: string;
}

class HealthChecksDto {
  @ApiProperty({ type: DependencyStatusDto }) postgres: DependencyStatusDto;
  @ApiProperty({ type: DependencyStatusDto }) redis: DependencyStatusDto;
}

/** GET /health's answer, for OpenAPI (200 when every dependency is up, 503 otherwise). */
export class HealthReportDto implements HealthReport {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ type: HealthChecksDto }) checks: HealthChecksDto;
}
