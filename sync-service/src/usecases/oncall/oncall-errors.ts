// What the on-call actions share: who may change what, and the errors an override can raise.
import { AppError } from "../../domain/errors.ts";

/** The refusal of people, schedules and policies to anyone but an admin (requireAdmin). */
export const ADMINS_ONLY = "Only an admin can change people, schedules and policies.";
/** The refusal of someone else's contact methods, notification rules and tokens to anyone but an admin. */
export const OWN_OR_ADMIN = "Only the person themselves or an admin can do this for a person.";
/** The refusal of overrides to viewers (requireResponder). */
export const RESPONDERS_ONLY = "Only a responder or an admin can change overrides.";

/** An override naming someone Firewatch does not know; `field` is the request field to fix. */
export class UnknownPersonUseCaseError extends AppError {
  readonly kind = "invalid";
  constructor(
    readonly field: "user" | "replaces",
    message: string,
  ) {
    super("OVERRIDE.UNKNOWN_USER", message);
  }
}

/** A team member who is not a person of the tenant; `field` (`members[i]`) is the request field to fix. */
export class UnknownMemberUseCaseError extends AppError {
  readonly kind = "invalid";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super("TEAM.UNKNOWN_MEMBER", message);
  }
}

export class OverrideNotFoundUseCaseError extends AppError {
  readonly kind = "not_found";
}
