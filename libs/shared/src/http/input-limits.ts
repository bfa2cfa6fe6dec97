import { fieldError } from '../errors/error-codes';
import type { NextFunction, Request, Response } from 'express';
import { DomainException, errorMessage } from '../errors/domain.exception';
import { FieldError } from '../errors/error-codes';

/**
 * How deep a JSON body may nest. The deepest body the API documents (a presented credential) has
 * six levels; class-transformer and class-validator recurse once per level, and twenty thousand
 * levels overflowed the stack (a 500) before this limit.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests objects or arrays more than `max` levels deep; iterative, so any depth is measured safely. */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Express middleware after the body parsers: a body nested deeper than MAX_JSON_DEPTH is a 400. */
export function jsonDepthLimit(max = MAX_JSON_DEPTH) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (exceedsDepth(req.body, max)) {
      next(
        new DomainException('MALFORMED_REQUEST', errorMessage('MALFORMED_REQUEST:too_deep', { max }), {
          maxDepth: max,
        }),
      );
      return;
    }
    next();
  };
}

/** The field path of a key under `parent`, as validation errors name fields (`a.b`, `a.0.c`). */
const fieldPath = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/**
 * The fields whose text (or whose name) holds a NUL character. PostgreSQL cannot store one in a
 * text column and refuses the whole statement, so it is refused here with the field named.
 */
export function nulCharacterFields(value: unknown, field = ''): FieldError[] {
  const faults: FieldError[] = [];
  const stack: [unknown, string][] = [[value, field]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (current.includes('\u0000')) faults.push(fieldError(path || 'body', 'field:nul'));
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    for (const [key, child] of Object.entries(current)) {
      if (key.includes('\u0000')) faults.push(fieldError(path || 'body', 'field:nulName'));
      else stack.push([child, fieldPath(path, key)]);
    }
  }
  return faults.sort((a, b) => a.field.localeCompare(b.field));
}
