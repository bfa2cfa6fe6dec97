import type { TFunction } from 'i18next';

/** The API's one error shape (docs/ARCHITECTURE.md). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { fields?: { field: string; messages: string[] }[]; [key: string]: unknown };
}

/** A refused request, or no answer at all (status 0: the network). */
export class ApiFailure extends Error {
  readonly body: ApiErrorBody | null;

  constructor(
    readonly status: number,
    body: unknown,
  ) {
    const parsed = asBody(body);
    super(parsed?.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`));
    this.body = parsed;
  }

  get code(): string {
    return this.body?.code ?? (this.status === 0 ? 'NETWORK' : 'UNKNOWN');
  }

  /** The fields the server named, each with its first message. */
  fields(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.body?.details?.fields ?? []) out[f.field] ??= f.messages[0] ?? '';
    return out;
  }
}

/** An openapi-fetch result's data, or an ApiFailure to throw (for TanStack Query). */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiFailure(0, null);
  }
  if (!result.response.ok) throw new ApiFailure(result.response.status, result.error);
  return result.data as T;
}

function asBody(error: unknown): ApiErrorBody | null {
  return error && typeof error === 'object' && 'code' in error ? (error as ApiErrorBody) : null;
}

/** The error in the page's language: by its code, never the raw code or the server's English. */
export function errorText(t: TFunction, error: unknown): string {
  const code = error instanceof ApiFailure ? error.code : 'UNKNOWN';
  return t(`errors.${code}`, { defaultValue: t('errors.UNKNOWN') });
}
