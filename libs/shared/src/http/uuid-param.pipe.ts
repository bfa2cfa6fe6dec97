import { fieldError } from '../errors/error-codes';
import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainException } from '../errors/domain.exception';

/** Route ids are UUIDs; anything else is the client's mistake, not a lookup. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) {
      const field = metadata.data ?? 'id';
      throw DomainException.validation([fieldError(field, 'field:isUuid')]);
    }
    return value;
  }
}
