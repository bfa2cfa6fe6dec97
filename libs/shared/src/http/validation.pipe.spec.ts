import { inEnglish } from '../messages/in-english.spec-support';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { DomainException } from '../errors/domain.exception';
import { checkFastFirst, createValidationPipe, faultsOf, undocumentedValues } from './validation.pipe';

class InnerDto {
  @ApiPropertyOptional() @IsOptional() @IsString() label?: string;
}

class SettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() passMarkPercent?: number;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() note?: string | null;
  @ApiPropertyOptional({ type: [InnerDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => InnerDto)
  items?: InnerDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() free?: Record<string, unknown>;
}

class OneDto {
  @ApiProperty({ type: InnerDto }) @ValidateNested() @Type(() => InnerDto) inner: InnerDto;
}

class LoginLikeDto {
  @ApiProperty() @IsEmail() @MaxLength(320) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) password: string;
}

const pipe = createValidationPipe();
const oneBody = (value: unknown) => pipe.transform(value, { type: 'body', metatype: OneDto, data: '' });
const asBody = (value: unknown) => pipe.transform(value, { type: 'body', metatype: SettingsDto, data: '' });
const fieldsOf = (error: unknown) =>
  inEnglish((error as DomainException).details) as { fields: { field: string; messages: string[] }[] };

describe('the validation pipe', () => {
  it('refuses null where the DTO does not document it, naming the field, nested ones by path', async () => {
    const error = await asBody({ passMarkPercent: null, items: [{ label: 'a' }, { label: null }] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainException);
    expect(fieldsOf(error)).toEqual({
      fields: [
        { field: 'passMarkPercent', messages: ['passMarkPercent must not be null; omit it instead'] },
        { field: 'items.1.label', messages: ['label must not be null; omit it instead'] },
      ],
    });
  });

  it('refuses a list of lists where a list of nested DTOs is documented, and a list where one is', async () => {
    const lists = await asBody({ items: [[{ label: 'a' }], { label: 'b' }] }).catch((e: unknown) => e);
    expect(fieldsOf(lists)).toEqual({ fields: [{ field: 'items.0', messages: ['items.0 must be an object'] }] });
    const one = await oneBody({ inner: [{ label: 'a' }] }).catch((e: unknown) => e);
    expect(fieldsOf(one)).toEqual({ fields: [{ field: 'inner', messages: ['inner must be an object'] }] });
    await expect(oneBody({ inner: { label: 'a' } })).resolves.toMatchObject({ inner: { label: 'a' } });
  });

  it('accepts null where the DTO documents it, and null inside a free-form object', async () => {
    await expect(asBody({ note: null, free: { anything: null } })).resolves.toMatchObject({
      note: null,
      free: { anything: null },
    });
  });

  it('refuses a NUL character in the body, a query parameter and a route parameter', async () => {
    const body = await asBody({ note: 'a\u0000' }).catch((e: unknown) => e);
    expect(fieldsOf(body).fields).toEqual([{ field: 'note', messages: ['must not contain NUL characters'] }]);
    const query = await pipe
      .transform('x\u0000', { type: 'query', metatype: String, data: 'search' })
      .catch((e: unknown) => e);
    expect(fieldsOf(query).fields).toEqual([{ field: 'search', messages: ['must not contain NUL characters'] }]);
    const param = await pipe
      .transform('\u0000', { type: 'param', metatype: String, data: 'id' })
      .catch((e: unknown) => e);
    expect(fieldsOf(param).fields).toEqual([{ field: 'id', messages: ['must not contain NUL characters'] }]);
  });

  it('leaves custom parameters alone (the actor, an uploaded file)', async () => {
    const file = { originalname: 'a\u0000.pdf', buffer: Buffer.from('x') };
    await expect(pipe.transform(file, { type: 'custom', metatype: Object, data: undefined })).resolves.toBe(file);
  });
});

describe('validation errors name only what is wrong', () => {
  const login = (value: unknown) =>
    pipe.transform(value, { type: 'body', metatype: LoginLikeDto, data: '' }).catch((e: unknown) => fieldsOf(e));

  it('says a missing field is required, without its length limits', async () => {
    await expect(login({})).resolves.toEqual({
      fields: [
        { field: 'email', messages: ['email is required'] },
        { field: 'password', messages: ['password is required'] },
      ],
    });
  });

  it('names the wrong type, not the bounds that cannot apply to it', async () => {
    await expect(login({ email: 'a@b.kz', password: 42 })).resolves.toEqual({
      fields: [{ field: 'password', messages: ['password must be a string'] }],
    });
  });

  it('names a bound when the type is right', async () => {
    await expect(login({ email: 'a@b.kz', password: '' })).resolves.toEqual({
      fields: [{ field: 'password', messages: ['password must be longer than or equal to 1 characters'] }],
    });
  });

  it('keeps every message when all of one kind failed, and the unknown-field refusal as it is', () => {
    const english = (error: Parameters<typeof faultsOf>[0]) => inEnglish(faultsOf(error));
    expect(
      english({ property: 'x', value: 'v', constraints: { isInt: 'x must be an integer', isIn: 'x bad' } }),
    ).toEqual(['x must be an integer number', 'x bad']);
    expect(
      english({
        property: 'role',
        value: undefined,
        constraints: { whitelistValidation: 'property role should not exist' },
      }),
    ).toEqual(['property role should not exist']);
    expect(faultsOf({ property: 'x', value: 1, constraints: undefined })).toEqual([]);
  });
});

describe('undocumentedValues', () => {
  it('reads plain objects and values as free-form data', () => {
    expect(undocumentedValues({ a: null })).toEqual([]);
    expect(undocumentedValues(null)).toEqual([]);
    expect(undocumentedValues([null, 'x'])).toEqual([]);
  });
});

describe('a fast check', () => {
  class CountDto {
    @ApiProperty() @IsInt() count: number;
  }
  const fastCount = (value: unknown) => {
    const count = (value as { count?: unknown } | null)?.count;
    return count === 7 ? Object.assign(new CountDto(), { count, fast: true }) : undefined;
  };
  checkFastFirst(CountDto, fastCount);
  const count = (value: unknown, p = pipe) => p.transform(value, { type: 'body', metatype: CountDto, data: '' });

  it('answers for the DTO when it takes the value, and leaves the rest to class-validator', async () => {
    await expect(count({ count: 7 })).resolves.toEqual({ count: 7, fast: true });
    await expect(count({ count: 8 })).resolves.toEqual({ count: 8 });
    const error = await count({ count: 'x' }).catch((e: unknown) => e);
    expect(fieldsOf(error).fields).toEqual([{ field: 'count', messages: ['count must be an integer number'] }]);
  });

  it('comes after the NUL check, and is skipped by the pipe made without fast checks', async () => {
    const error = await count({ count: 7, name: 'a\u0000' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainException);
    await expect(count({ count: 7 }, createValidationPipe({ fastChecks: false }))).resolves.toEqual({ count: 7 });
  });
});
