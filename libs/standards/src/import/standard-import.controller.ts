import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Req,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { Actor, Authenticated, CurrentActor, toAuditActor } from '@qualcert/identity';
import { DomainException, fieldError, fieldErrorsOf } from '@qualcert/shared';
import { CorrectionsFileError, readCorrectionsFile } from '../corrections/corrections';
import { ImportPreviewDto, ImportStandardDto, ImportSummaryDto } from './standard-import.dto';
import { ImportPreview, ImportSummary, StandardImportService } from './standard-import.service';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Keeps an uploaded file's name printable and free of path separators. */
function safeFileName(name: string): string {
  const cleaned = [...name].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('');
  return cleaned.slice(0, 300) || 'upload.txt';
}

interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

function correctionsFrom(value: unknown, field: string) {
  try {
    return readCorrectionsFile({ corrections: value }).corrections;
  } catch (error) {
    if (error instanceof CorrectionsFileError) {
      throw new DomainException('CORRECTIONS_INVALID', error.message, {
        fields: [{ field, messages: error.problems }],
      });
    }
    throw error;
  }
}

function decodeUtf8(buffer: Buffer, field: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw DomainException.validation([fieldError(field, 'field:utf8')]);
  }
}

@ApiTags('catalogue')
@Controller('standards')
export class StandardImportController {
  constructor(private readonly importer: StandardImportService) {}

  /**
   * The text as JSON ({ text, sourceName?, corrections? }), as a text/plain body, or as a
   * multipart upload (field "file", optional "corrections" JSON file).
   */
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(
    FileFieldsInterceptor(
      [
        { name: 'file', maxCount: 1 },
        { name: 'corrections', maxCount: 1 },
      ],
      { limits: { fileSize: MAX_UPLOAD_BYTES } },
    ),
  )
  @ApiConsumes('application/json', 'text/plain', 'multipart/form-data')
  @Authenticated({
    roles: ['admin'],
    summary: 'Import a published standard (a repeated import of the same content changes nothing)',
    type: ImportSummaryDto,
    errors: ['CORRECTIONS_INVALID', 'STANDARD_PARSE_FAILED'],
  })
  async import(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Body() body: unknown,
    @Query('sourceName') sourceName: string | undefined,
    @UploadedFiles() files: { file?: UploadedFile[]; corrections?: UploadedFile[] } | undefined,
  ): Promise<ImportSummary> {
    return this.importer.import(await this.readRequest(req, body, sourceName, files), toAuditActor(actor));
  }

  /** The same request as the import; nothing is stored: the parse warnings are read before confirming. */
  @Post('import/preview')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(
    FileFieldsInterceptor(
      [
        { name: 'file', maxCount: 1 },
        { name: 'corrections', maxCount: 1 },
      ],
      { limits: { fileSize: MAX_UPLOAD_BYTES } },
    ),
  )
  @ApiConsumes('application/json', 'text/plain', 'multipart/form-data')
  @Authenticated({
    roles: ['admin'],
    summary:
      'Read a standard as an import would, storing nothing: counts, parse warnings, whether it is stored already',
    type: ImportPreviewDto,
    errors: ['CORRECTIONS_INVALID', 'STANDARD_PARSE_FAILED'],
  })
  async preview(
    @Req() req: Request,
    @Body() body: unknown,
    @Query('sourceName') sourceName: string | undefined,
    @UploadedFiles() files: { file?: UploadedFile[]; corrections?: UploadedFile[] } | undefined,
  ): Promise<ImportPreview> {
    return this.importer.preview(await this.readRequest(req, body, sourceName, files));
  }

  private async readRequest(
    req: Request,
    body: unknown,
    sourceName: string | undefined,
    files: { file?: UploadedFile[]; corrections?: UploadedFile[] } | undefined,
  ) {
    const file = files?.file?.[0];
    if (file) {
      const correctionsFile = files?.corrections?.[0];
      let corrections: unknown = [];
      if (correctionsFile) {
        try {
          corrections = (JSON.parse(decodeUtf8(correctionsFile.buffer, 'corrections')) as { corrections?: unknown })
            .corrections;
        } catch (error) {
          if (error instanceof DomainException) throw error;
          throw DomainException.validation([fieldError('corrections', 'field:jsonFile')]);
        }
      }
      return {
        text: decodeUtf8(file.buffer, 'file'),
        sourceName: safeFileName(file.originalname),
        corrections: correctionsFrom(corrections, 'corrections'),
      };
    }
    if (req.is('text/plain')) {
      if (typeof body !== 'string' || body.length === 0) {
        throw DomainException.validation([fieldError('body', 'field:standardText')]);
      }
      return { text: body, sourceName: (sourceName ?? 'upload.txt').slice(0, 300), corrections: [] };
    }
    const dto = await validateBody(body);
    return {
      text: dto.text,
      sourceName: dto.sourceName ?? 'upload.txt',
      corrections: correctionsFrom(dto.corrections ?? [], 'corrections'),
    };
  }
}

async function validateBody(body: unknown): Promise<ImportStandardDto> {
  const dto = plainToInstance(ImportStandardDto, body ?? {});
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw DomainException.validation(fieldErrorsOf(errors));
  }
  return dto;
}
