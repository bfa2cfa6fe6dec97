import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { UuidParamPipe } from '@qualcert/shared';
import { DocumentCheckDto, DocumentVerdictDto } from './applications.dto';
import { DocumentCheckService } from './document-check.service';

@ApiTags('applications')
@Controller('applications')
export class DocumentCheckController {
  constructor(private readonly documents: DocumentCheckService) {}

  @Get(':id/documents')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor', 'candidate'],
    summary: 'The document check: every record of the candidate with its verdict, the ones needed first',
    type: DocumentCheckDto,
    notFound: true,
  })
  view(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<DocumentCheckDto> {
    return this.documents.view(actor, id);
  }

  @Put(':id/documents/:recordId')
  @Authenticated({
    roles: ['centre_manager', 'assessor'],
    summary:
      'Confirm or reject the document of one record (a reason is required to reject); staff of the application’s centre',
    type: DocumentCheckDto,
    notFound: true,
    conflict: true,
    errors: ['DOCUMENT_CHECK_CLOSED', 'DOCUMENT_MISSING'],
  })
  verdict(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('recordId', UuidParamPipe) recordId: string,
    @Body() dto: DocumentVerdictDto,
  ): Promise<DocumentCheckDto> {
    return this.documents.verdict(actor, id, recordId, dto);
  }
}
