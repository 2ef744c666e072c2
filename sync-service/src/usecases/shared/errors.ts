import { AppError } from "../../domain/errors.ts";

export class NotFoundUseCaseError extends AppError {
  readonly kind = "not_found";
  constructor(
    entity:
      | "incident"
      | "service"
      | "job"
      | "rule"
      | "policy"
      | "schedule"
      | "user"
      | "channel"
      | "entry"
      | "postmortem"
      | "action item"
      | "contact method"
      | "token"
      | "team"
      | "response play"
      | "subscriber"
      | "call",
    ref: string,
  ) {
    super(
      `${entity.toUpperCase().replace(/ /g, "_")}.NOT_FOUND`,
      `No ${entity} ${JSON.stringify(ref)} exists; check the id or key.`,
    );
  }
}

export class ForbiddenUseCaseError extends AppError {
  readonly kind = "forbidden";
}

export class ConflictUseCaseError extends AppError {
  readonly kind = "conflict";
}
