import { QueryFailedError } from 'typeorm';

/** True when PostgreSQL refused a write for a unique constraint (optionally a named one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string } | undefined;
  return driver?.code === '23505' && (constraint === undefined || driver.constraint === constraint);
}

/** True when PostgreSQL refused a write for a CHECK constraint (optionally a named one). */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string } | undefined;
  return driver?.code === '23514' && (constraint === undefined || driver.constraint === constraint);
}

/** True when PostgreSQL refused a write for a foreign key (optionally a named one). */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string } | undefined;
  return driver?.code === '23503' && (constraint === undefined || driver.constraint === constraint);
}
