import type { z } from "zod";
import { AppError, type ErrorKind } from "../domain/errors.ts";

export class BadRequestWebError extends AppError {
  readonly kind = "invalid";
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

export const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
};

/** "`severity`: Invalid option: expected one of …; `title`: …" — names each field that is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
      const where = path ? `\`${path}\`` : "body";
      return `${where}: ${issue.message}`;
    })
    .join("; ");
}

/** Parses `value` with `schema`. @throws BadRequestWebError naming every bad field */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what = "request body"): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadRequestWebError("REQUEST.INVALID", `Invalid ${what}: ${describeIssues(result.error)}`);
  return result.data;
}
