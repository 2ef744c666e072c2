// A person's API tokens as they and admins see them: listed with their last use, and revoked. A revoked token
// signs nobody in from the next request on (authentication reads the token's row every time).
import type { Principal } from "../../domain/principal.ts";
import type { ApiTokenRecord } from "../../ports/people-repository.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireSelfOrAdmin } from "../shared/require-role.ts";
import { personOf } from "./contact-methods.ts";
import { OWN_OR_ADMIN } from "./oncall-errors.ts";

/** The person's working tokens, newest first. @throws ForbiddenUseCaseError, NotFoundUseCaseError */
export async function listApiTokens(deps: UseCaseDeps, by: Principal, userId: string): Promise<ApiTokenRecord[]> {
  requireSelfOrAdmin(by, userId, OWN_OR_ADMIN);
  return deps.uow.run(async (tx) => {
    await personOf(tx, by, userId);
    return tx.people.listTokens(userId);
  });
}

/** Revokes one of the person's tokens (the one in use too: that is signing out). @throws ForbiddenUseCaseError, NotFoundUseCaseError */
export async function revokeApiToken(deps: UseCaseDeps, by: Principal, userId: string, tokenId: string): Promise<void> {
  requireSelfOrAdmin(by, userId, OWN_OR_ADMIN);
  await deps.uow.run(async (tx) => {
    await personOf(tx, by, userId);
    if (!(await tx.people.revokeToken(userId, tokenId, deps.clock.now())))
      throw new NotFoundUseCaseError("token", tokenId);
  });
}
