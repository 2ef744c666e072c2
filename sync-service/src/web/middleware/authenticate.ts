import { createHash } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { AccessRepository } from "../../adapters/persistence/access-repository.ts";
import { hasRole, type Principal, type UserRole } from "../../domain/principal.ts";
import { ForbiddenWebError, UnauthenticatedWebError } from "../errors.ts";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Requires `Authorization: Bearer <token>`; the token is looked up by its SHA-256 hash. */
export function authenticate(access: AccessRepository) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get("authorization");
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      throw new UnauthenticatedWebError("AUTH.TOKEN_REQUIRED", "Send an API token as `Authorization: Bearer <token>`.");
    }
    const principal = await access.findPrincipal(hashToken(match[1]!));
    if (!principal) throw new UnauthenticatedWebError("AUTH.INVALID_TOKEN", "The API token is unknown or revoked.");
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** @throws ForbiddenWebError when the caller's role is below `role` */
export function requireRole(res: Response, role: UserRole): Principal {
  const principal = principalOf(res);
  if (!hasRole(principal, role)) {
    throw new ForbiddenWebError("AUTH.ROLE_REQUIRED", `This needs the ${role} role; your token's user is a ${principal.role}.`);
  }
  return principal;
}
