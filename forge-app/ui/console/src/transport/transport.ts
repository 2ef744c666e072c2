// The console's one data interface. Over HTTP in the browser (http-transport.ts) and through
// @forge/bridge inside Jira (bridge-transport.ts); pages only ever see `Transport`.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Transport {
  /** Calls the Firewatch API at `path` (starting with `/api/`). @throws ApiError for any non-2xx answer */
  request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
  /** Text answers (previews in storage format or Markdown, iCal). */
  text(path: string): Promise<string>;
}

/** A field the API named in a validation error, as the console shows it beside that field. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** The API's error envelope `{"error":{"code","message","fields"?}}`, or a network failure (status 0). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Each field the API refused (400 REQUEST.INVALID), for forms to show beside it. */
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** Turns an error body (or its absence) into an ApiError with a message a person can act on. */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: string; message?: string; fields?: FieldProblem[] } } | null)?.error;
  if (error?.message)
    return new ApiError(
      status,
      error.code ?? `HTTP.${status}`,
      error.message,
      Array.isArray(error.fields) ? error.fields : [],
    );
  const fallback =
    status >= 500
      ? "Firewatch had a problem answering; try again in a moment."
      : `The request failed with HTTP ${status}.`;
  return new ApiError(status, `HTTP.${status}`, fallback);
}
