/** The parts of the API's OpenAPI document (GET /api/docs-json) the tests read. */
export interface Schema {
  $ref?: string;
  type?: string | Schema;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

export interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** The schema a `$ref` names, or the schema itself. */
export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  while (current.$ref) current = doc.components.schemas[current.$ref.split('/').pop() as string];
  return current;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Where `value` departs from the documented `schema`, as readable paths: a wrong type or format, a
 * value outside its enum, a missing required property, or a property the document does not list
 * (an object with listed properties is closed unless it allows others). Empty when it conforms.
 */
export function schemaMismatches(doc: OpenApiDocument, schema: Schema, value: unknown, path = '$'): string[] {
  const s = resolve(doc, schema);
  if (value === null) return s.nullable ? [] : [`${path}: null where the document allows none`];
  if (s.allOf) return s.allOf.flatMap((part) => schemaMismatches(doc, part, value, path));
  // @nestjs/swagger writes an enum given as a schema object into `type`: read it as that schema.
  if (typeof s.type === 'object') return schemaMismatches(doc, s.type, value, path);
  if (s.enum && !s.enum.includes(value))
    return [`${path}: ${JSON.stringify(value)} is not one of ${s.enum.join(', ')}`];
  switch (s.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
      const record = value as Record<string, unknown>;
      const problems = (s.required ?? [])
        .filter((key) => record[key] === undefined)
        .map((key) => `${path}.${key}: required but missing`);
      for (const [key, item] of Object.entries(record)) {
        const property = s.properties?.[key];
        if (property) problems.push(...schemaMismatches(doc, property, item, `${path}.${key}`));
        else if (s.properties && !s.additionalProperties) problems.push(`${path}.${key}: not in the document`);
      }
      return problems;
    }
    case 'array':
      if (!Array.isArray(value)) return [`${path}: not an array`];
      return s.items ? value.flatMap((item, i) => schemaMismatches(doc, s.items as Schema, item, `${path}[${i}]`)) : [];
    case 'string':
      if (typeof value !== 'string') return [`${path}: not a string`];
      if (s.format === 'uuid' && !UUID.test(value)) return [`${path}: not a UUID`];
      if (s.format === 'date' && !DATE.test(value)) return [`${path}: not a date`];
      if (s.format === 'date-time' && !DATE_TIME.test(value)) return [`${path}: not a date-time`];
      return [];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: not a number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: not an integer`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
    default:
      return [];
  }
}
