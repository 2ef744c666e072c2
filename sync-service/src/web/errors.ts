import type { z } from "zod";
import { AppError, type ErrorKind } from "../domain/errors.ts";

/** One wrong field of a request, as `{ path: "levels[0].delayMinutes", message }`, for forms to show beside it. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export class BadRequestWebError extends AppError {
  readonly kind = "invalid";
  constructor(
    code: string,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(code, message);
  }
}

export class UnauthenticatedWebError extends AppError {
  readonly kind = "unauthenticated";
}

export class ForbiddenWebError extends AppError {
  readonly kind = "forbidden";
}

export class UnsupportedMediaTypeWebError extends AppError {
  readonly kind = "unsupported_media_type";
}

export class RouteNotFoundWebError extends AppError {
  readonly kind = "not_found";
}

/** A client over one of its budgets (middleware/client-limits.ts); Retry-After says when to come back. */
export class TooManyRequestsWebError extends AppError {
  readonly kind = "rate_limited";
}

/** Over budget where the sender retries only 5xx (Alertmanager), so a 429 would drop the delivery for good. */
export class RetryLaterWebError extends AppError {
  readonly kind = "unavailable";
}

export const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join(""),
    message: issue.message,
  }));
}

/** "`severity`: Invalid option: expected one of …; `title`: …" — names each field that is wrong. */
export function describeIssues(error: z.ZodError): string {
  return problemsOf(error)
    .map(({ path, message }) => `${path ? `\`${path}\`` : "body"}: ${message}`)
    .join("; ");
}

/** Parses `value` with `schema`. @throws BadRequestWebError naming every bad field */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what = "request body"): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new BadRequestWebError(
      "REQUEST.INVALID",
      `Invalid ${what}: ${describeIssues(result.error)}`,
      problemsOf(result.error),
    );
  return result.data;
}
