import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { RateLimited, UuidParamPipe } from '@qualcert/shared';
import { contentDisposition } from '../files/content-disposition';
import { CreateClaimDto, EvidenceDto, SkillPlanDto, UploadEvidenceDto, UploadResultDto } from './evidence.dto';
import { EvidenceUploadInterceptor, ReceivedUpload } from './evidence-upload.interceptor';
import { EvidenceService } from './evidence.service';

@ApiTags('evidence')
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('evidence')
  // Counted before the file is read: a flood is refused without reading its bodies.
  @RateLimited('evidence-upload', { limit: 'EVIDENCE_UPLOADS_PER_MINUTE', by: 'user' })
  @UseInterceptors(EvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'type', 'issuer', 'issueDate'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'PDF, JPEG or PNG; size limit EVIDENCE_MAX_BYTES (20 MB)',
        },
        type: {
          type: 'string',
          enum: ['course_certificate', 'employer_reference', 'work_sample', 'employment_record', 'diploma', 'other'],
        },
        issuer: { type: 'string' },
        issueDate: { type: 'string', format: 'date' },
        description: { type: 'string' },
      },
    },
  })
  @Authenticated({
    roles: ['candidate'],
    summary: 'Upload evidence (201; 200 when the same file was uploaded before)',
    type: UploadResultDto,
    status: 201,
    errors: ['FILE_EMPTY', 'STORAGE_QUOTA_EXCEEDED', 'TOO_MANY_REQUESTS', 'UNSUPPORTED_FILE_TYPE'],
  })
  @ApiResponse({ status: 200, description: 'The same file was uploaded before: its record', type: UploadResultDto })
  async upload(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: ReceivedUpload | undefined,
    @Body() dto: UploadEvidenceDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<UploadResultDto> {
    const result = await this.evidence.upload(actor, file, dto);
    res.status(result.duplicate ? HttpStatus.OK : HttpStatus.CREATED);
    return result;
  }

  @Get('evidence')
  @Authenticated({ roles: ['candidate'], summary: 'Your evidence files', type: [EvidenceDto] })
  list(@CurrentActor() actor: Actor): Promise<EvidenceDto[]> {
    return this.evidence.listOwn(actor);
  }

  @Get('evidence/:id')
  @Authenticated({
    summary: 'An evidence file’s details (owner, the centre’s staff, admins)',
    type: EvidenceDto,
    notFound: true,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<EvidenceDto> {
    return this.evidence.get(actor, id);
  }

  @Get('evidence/:id/download')
  @Authenticated({
    summary: 'Download an evidence file (owner, the centre’s staff, admins)',
    produces: ['application/pdf', 'image/jpeg', 'image/png'],
    notFound: true,
  })
  async download(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<StreamableFile> {
    const { row, data } = await this.evidence.download(actor, id);
    return new StreamableFile(data, {
      type: row.mime,
      disposition: contentDisposition(row.fileName),
      length: data.length,
    });
  }

  @Post('applications/:id/claims')
  @Authenticated({
    roles: ['candidate'],
    summary: 'Claim that an evidence file proves skills (recommended skills only)',
    type: [SkillPlanDto],
    status: 201,
    notFound: true,
    conflict: true,
    errors: ['APPLICATION_FROZEN', 'PATHWAY_MISMATCH', 'SKILL_NOT_IN_CARD', 'SKILL_NOT_RECOGNISABLE'],
  })
  claim(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateClaimDto,
  ): Promise<SkillPlanDto[]> {
    return this.evidence.addClaims(actor, id, dto);
  }

  @Delete('applications/:id/claims/:evidenceId/:skillId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated({
    roles: ['candidate'],
    summary: 'Remove a claim (before submission)',
    status: 204,
    notFound: true,
    conflict: true,
    errors: ['APPLICATION_FROZEN'],
  })
  unclaim(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('evidenceId', UuidParamPipe) evidenceId: string,
    @Param('skillId', UuidParamPipe) skillId: string,
  ): Promise<void> {
    return this.evidence.removeClaim(actor, id, evidenceId, skillId);
  }

  @Get('applications/:id/skills')
  @Authenticated({
    // An assessor reviewing the evidence sees which files are claimed for which skill.
    roles: ['admin', 'centre_manager', 'assessor', 'candidate'],
    summary: 'Per skill of the card: evidence review or exam, and why',
    type: [SkillPlanDto],
    notFound: true,
  })
  skills(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<SkillPlanDto[]> {
    return this.evidence.skillPlan(actor, id);
  }
}
