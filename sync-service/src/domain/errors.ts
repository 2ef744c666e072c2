/** How an error should be answered; the web layer maps each kind to one HTTP status. */
export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable";

/** The root of every error Firewatch raises on purpose. `code` is namespaced, e.g. `INCIDENT.ALREADY_RESOLVED`. */
export abstract class AppError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InvalidInputDomainError extends AppError {
  readonly kind = "invalid";
}

export class IllegalTransitionDomainError extends AppError {
  readonly kind = "conflict";
}
