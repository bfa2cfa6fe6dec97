import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { UuidParamPipe } from '@qualcert/shared';
import { RenderedDocument, ResultDocumentsService } from './result-documents.service';

function pdf(document: RenderedDocument): StreamableFile {
  return new StreamableFile(document.data, {
    type: 'application/pdf',
    disposition: `attachment; filename="${document.filename}"`,
    length: document.data.length,
  });
}

@ApiTags('documents')
@Controller()
export class ResultDocumentsController {
  constructor(private readonly documents: ResultDocumentsService) {}

  @Get('decisions/:id/conclusion')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor', 'candidate'],
    produces: ['application/pdf'],
    summary:
      'The conclusion (заключение) of a signed decision that does not award the card, as a PDF in Kazakh and Russian ' +
      '(the candidate, the centre’s staff, admins; 409 DOCUMENT_NOT_AVAILABLE for an awarding or unsigned decision)',
    notFound: true,
    conflict: true,
    errors: ['DOCUMENT_NOT_AVAILABLE'],
  })
  async conclusion(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<StreamableFile> {
    return pdf(await this.documents.conclusion(actor, id));
  }

  @Get('sessions/:id/protocol')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor', 'candidate'],
    produces: ['application/pdf'],
    summary:
      'The protocol (протокол) of an exam session as a PDF in Kazakh and Russian: the centre’s manager, the session’s ' +
      'assessors and admins get it whole; a candidate of the session gets the extract of their own results',
    notFound: true,
  })
  async protocol(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<StreamableFile> {
    return pdf(await this.documents.protocol(actor, id));
  }
}
