import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainException } from '../errors/domain.exception';
import { FieldError, FieldFault, fieldError, fieldFault } from '../errors/error-codes';
import type { MessageParams } from '../messages/catalogue';
import { isFieldMessageCode } from '../messages/field-messages';
import { nulCharacterFields } from './input-limits';

// Where @nestjs/swagger keeps a DTO property's @ApiProperty options.
const API_PROPERTY = 'swagger/apiModelProperties';

// Bounds on a value's length, size or range: meaningful only once the value is there and of its type.
const BOUNDS = new Set(['minLength', 'maxLength', 'min', 'max', 'arrayMinSize', 'arrayMaxSize', 'isLength']);

/** A decorator's constraint values (a maximum length, the allowed values) and whether it applies to each value of a list. */
interface ConstraintUse {
  constraints: unknown[];
  each: boolean;
}

const constraintUses = new WeakMap<object, Map<string, Map<string, ConstraintUse>>>();

/** The constraints class-validator holds for a DTO's property, by constraint name (read once per class). */
function constraintsOf(target: object | undefined, property: string): Map<string, ConstraintUse> {
  const type = target?.constructor;
  if (!type || type === Object) return new Map();
  let byProperty = constraintUses.get(type);
  if (!byProperty) {
    byProperty = new Map();
    for (const meta of getMetadataStorage().getTargetValidationMetadatas(type, '', true, false)) {
      if (!meta.name) continue;
      const uses = byProperty.get(meta.propertyName) ?? new Map<string, ConstraintUse>();
      uses.set(meta.name, { constraints: (meta.constraints ?? []) as unknown[], each: meta.each === true });
      byProperty.set(meta.propertyName, uses);
    }
    constraintUses.set(type, byProperty);
  }
  return byProperty.get(property) ?? new Map<string, ConstraintUse>();
}

const WITH_VALUES = new Set([
  'minLength',
  'min',
  'arrayMinSize',
  'maxLength',
  'max',
  'arrayMaxSize',
  'isIn',
  'matches',
]);

/** A constraint's parameters, named as the field messages' templates name them. */
function constraintParams(name: string, constraints: unknown[]): MessageParams {
  const [first] = constraints;
  switch (name) {
    case 'minLength':
    case 'min':
    case 'arrayMinSize':
      return { min: Number(first) };
    case 'maxLength':
    case 'max':
    case 'arrayMaxSize':
      return { max: Number(first) };
    case 'isIn':
      return { values: Array.isArray(first) ? first.join(', ') : String(first) };
    case 'matches':
      return { pattern: String(first) };
    default:
      return {};
  }
}

/** One failed constraint as a field fault: the DTO's own rule (`fieldRule`), or the constraint's. */
function faultOf(
  error: Pick<ValidationError, 'property' | 'target'>,
  name: string,
  message: string,
): FieldFault | string {
  const field = error.property;
  if (isFieldMessageCode(message)) return fieldFault(message, { field });
  const use = constraintsOf(error.target, field).get(name);
  const code = `field:${use?.each ? 'each:' : ''}${name}`;
  // A constraint the catalogue does not know, or whose values cannot be read, keeps class-validator's English.
  if (!isFieldMessageCode(code) || (!use && WITH_VALUES.has(name))) return message;
  return fieldFault(code, { field, ...constraintParams(name, use?.constraints ?? []) });
}

/**
 * What is wrong with one field, and nothing else: a missing field is "required" (not also "must be
 * shorter than 200 characters"), and a value of the wrong type is named by its type, not its bounds.
 */
export function faultsOf(
  error: Pick<ValidationError, 'property' | 'value' | 'constraints' | 'target'>,
): (FieldFault | string)[] {
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return [];
  if (error.value === undefined && !constraints.some(([name]) => name === 'whitelistValidation'))
    return [fieldFault('field:required', { field: error.property })];
  const kinds = constraints.filter(([name]) => !BOUNDS.has(name));
  return (kinds.length > 0 && kinds.length < constraints.length ? kinds : constraints).map(([name, message]) =>
    faultOf(error, name, message),
  );
}

/** class-validator's errors as the API reports them: each field at fault, by path, with what is wrong. */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = faultsOf(error);
    const own = messages.length > 0 ? [{ field, messages }] : [];
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

interface DocumentedProperty {
  nullable?: boolean;
  isArray?: boolean;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- a DTO class, or a type's name
  type?: Function | string | [Function];
}

/** Whether the documented type of a property is a DTO class (its value then has fields of its own). */
function isDtoClass(type: DocumentedProperty['type']): boolean {
  const candidate = Array.isArray(type) ? type[0] : type;
  return (
    typeof candidate === 'function' &&
    ![String, Number, Boolean, Date, Object, Array].includes(candidate as never) &&
    Reflect.getMetadata('swagger/apiModelPropertiesArray', (candidate as { prototype: object }).prototype) !== undefined
  );
}

/**
 * The fields of a transformed DTO (and of the DTOs nested in it) whose value departs from what the
 * DTO documents in ways class-validator lets through:
 * - null where the DTO does not document null. @IsOptional lets null through as "absent", and a
 *   null then reached NOT NULL columns (a 500): an optional field is omitted, never null, unless
 *   its @ApiProperty says `nullable: true`;
 * - an array where a nested DTO (or a list of them) is documented: @ValidateNested validates the
 *   objects inside a nested array too, and a list of lists reached the services (a 500).
 */
export function undocumentedValues(value: unknown, parent = ''): FieldError[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value))
    return value.flatMap((item, i) => undocumentedValues(item, parent ? `${parent}.${i}` : String(i)));
  const prototype = Object.getPrototypeOf(value) as object | null;
  // Plain objects are free-form values (JSON documents), not DTOs: null may be data there.
  if (prototype === null || prototype === Object.prototype) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    // class-transformer writes the DTO's fields the body left out as undefined: absent, and fine.
    if (item === undefined) return [];
    const field = parent ? `${parent}.${key}` : key;
    const documented = Reflect.getMetadata(API_PROPERTY, prototype, key) as DocumentedProperty | undefined;
    if (item === null)
      return documented?.nullable ? [] : [{ field, messages: [fieldFault('field:null', { field: key })] }];
    if (isDtoClass(documented?.type)) {
      const many = documented?.isArray === true || Array.isArray(documented?.type);
      const objects = many ? (Array.isArray(item) ? (item as unknown[]) : [item]) : [item];
      const notObjects = objects
        .map((element, i) => [element, many ? `${field}.${i}` : field] as const)
        .filter(([element]) => typeof element !== 'object' || element === null || Array.isArray(element));
      if (notObjects.length > 0) return notObjects.map(([, path]) => fieldError(path, 'field:object'));
    }
    return undocumentedValues(item, field);
  });
}

/**
 * A hand-written check of a hot route's DTO, run before class-validator: the DTO instance for a
 * value it is sure class-validator accepts with the same result, or undefined to leave the value
 * to class-validator, which then gives every error answer exactly as before.
 */
export type FastCheck<T extends object> = (value: unknown) => T | undefined;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by the DTO's class
const fastChecks = new Map<Function, FastCheck<object>>();

/** Registers a DTO's fast check (beside the DTO; its spec compares it with the class-validator path). */
export function checkFastFirst<T extends object>(type: new () => T, check: FastCheck<T>): void {
  fastChecks.set(type, check);
}

/**
 * The one global pipe: unknown fields are refused, known ones transformed to their declared
 * types, and every failure is reported as VALIDATION_FAILED with the fields at fault. Before
 * that, text with a NUL character is refused wherever it comes from (body, query, route), since
 * PostgreSQL cannot store one; after it, nulls and nested arrays the DTO does not document.
 */
class AppValidationPipe extends ValidationPipe {
  constructor(
    options: ValidationPipeOptions,
    private readonly fastFirst: boolean,
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Not custom parameters: the signed-in actor, or an uploaded file's bytes.
    if (metadata.type !== 'custom') {
      const nul = nulCharacterFields(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (nul.length > 0) throw DomainException.validation(nul);
    }
    const fast = this.fastFirst && metadata.metatype ? fastChecks.get(metadata.metatype) : undefined;
    const checked = fast?.(value);
    if (checked !== undefined) return checked;
    const transformed: unknown = await super.transform(value, metadata);
    if (metadata.type === 'body') {
      const faults = undocumentedValues(transformed);
      if (faults.length > 0) throw DomainException.validation(faults);
    }
    return transformed;
  }
}

/** `fastChecks: false` is the class-validator path alone, which the fast checks' specs compare against. */
export function createValidationPipe({ fastChecks: fastFirst = true } = {}): ValidationPipe {
  return new AppValidationPipe(
    {
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      // The DTO an error was found in: its decorators' values (a length limit, the allowed values) go into the message.
      validationError: { target: true },
      exceptionFactory: (errors) => DomainException.validation(fieldErrorsOf(errors)),
    },
    fastFirst,
  );
}
