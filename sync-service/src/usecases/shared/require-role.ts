// The role checks use cases start with. The refusal is the use case's own sentence (what only that role may do),
// for the person who was refused.
import { hasRole, type Principal } from "../../domain/principal.ts";
import { ForbiddenUseCaseError } from "./errors.ts";

/** @throws ForbiddenUseCaseError (AUTH.ADMIN_REQUIRED) saying `refusal`, unless `by` is an admin */
export function requireAdmin(by: Principal, refusal: string): void {
  if (!hasRole(by, "admin")) throw new ForbiddenUseCaseError("AUTH.ADMIN_REQUIRED", refusal);
}

/** @throws ForbiddenUseCaseError (AUTH.RESPONDER_REQUIRED) saying `refusal`, unless `by` is a responder or an admin */
export function requireResponder(by: Principal, refusal: string): void {
  if (!hasRole(by, "responder")) throw new ForbiddenUseCaseError("AUTH.RESPONDER_REQUIRED", refusal);
}

/** @throws ForbiddenUseCaseError (AUTH.ADMIN_REQUIRED) saying `refusal`, unless `by` is the person `userId` or an admin */
export function requireSelfOrAdmin(by: Principal, userId: string, refusal: string): void {
  if (by.userId !== userId) requireAdmin(by, refusal);
}
