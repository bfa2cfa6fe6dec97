import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { RegisterExportDto, RegisterFilterDto, RegisterPageDto } from './register.dto';
import { RegisterService } from './register.service';

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

@ApiTags('certificates')
@Controller('certificates/register')
export class RegisterController {
  constructor(private readonly register: RegisterService) {}

  @Get()
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary:
      'The register of certificates, newest first, a page at a time: every centre for an administrator (the national platform pulls it so), a manager’s centres',
    type: RegisterPageDto,
  })
  page(@CurrentActor() actor: Actor, @Query() query: RegisterFilterDto): Promise<RegisterPageDto> {
    const { limit, offset, ...filter } = query;
    return this.register.page(actor, filter, limit, offset);
  }

  @Get('export')
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'The register with the same filters as a spreadsheet (xlsx or csv), up to 50 000 rows',
    produces: [TYPES.xlsx, 'text/csv'],
  })
  async export(@CurrentActor() actor: Actor, @Query() query: RegisterExportDto): Promise<StreamableFile> {
    const { format, limit: _limit, offset: _offset, ...filter } = query;
    const data = await this.register.export(actor, filter, format);
    return new StreamableFile(data, {
      type: TYPES[format],
      disposition: `attachment; filename="register-${new Date().toISOString().slice(0, 10)}.${format}"`,
      length: data.length,
    });
  }
}
