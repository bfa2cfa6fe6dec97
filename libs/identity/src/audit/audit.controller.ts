import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainException, fieldError } from '@qualcert/shared';
import { Authenticated } from '../auth/authenticated.decorator';
import { AuditQueryRepository } from './audit-query.repository';
import { AuditPageDto, AuditQueryDto } from './audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly repository: AuditQueryRepository) {}

  @Get()
  @Authenticated({ roles: ['admin'], summary: 'The audit trail, by entity, actor and time range', type: AuditPageDto })
  query(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    if (query.from && query.to && query.from >= query.to) {
      throw DomainException.validation([fieldError('to', 'field:after', { other: 'from' })]);
    }
    return this.repository.find(query);
  }
}
