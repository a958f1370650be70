/**
 * Errors in OpenAI's wire shape. Messages copy the real API's wording where it is known, because
 * clients (Ferry included) sometimes match on them.
 */
export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    options: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.type = options.type ?? 'invalid_request_error';
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.headers = options.headers ?? {};
  }

  toBody(): ErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** A 400 that names the offending parameter, as every OpenAI validation error does. */
export function badRequest(param: string, message: string, code: string | null = null): ApiError {
  return new ApiError(400, message, { param, code });
}

export function notFound(message: string, param: string | null = null): ApiError {
  return new ApiError(404, message, { param });
}

/** What api.openai.com answers for a path it does not serve (and, since 2026-08-26, for /assistants). */
export function invalidUrl(method: string, path: string): ApiError {
  return new ApiError(404, `Invalid URL (${method} ${path})`);
}

export function serverError(status: number): ApiError {
  const messages: Record<number, string> = {
    500: 'The server had an error while processing your request. Sorry about that!',
    502: 'Bad gateway.',
    503: 'The server is overloaded or not ready yet.',
  };
  return new ApiError(status, messages[status] ?? 'Server error.', { type: 'server_error' });
}
