// Console sign-in: cookie sessions made from an API token or a page's sign-in link, and signing out everywhere.
import { randomUUID } from "node:crypto";
import { DAY_MS } from "../../domain/clock.ts";
import type { Incident } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";
import type { ConsoleSession } from "../../ports/session-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { linkWithParties, linkRefusal } from "../paging/page-links.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { hashSecret, newSecretToken } from "../shared/secret-token.ts";

/** A session unused this long is over (a console left open overnight signs in again in the morning). */
export const SESSION_IDLE_MS = DAY_MS / 2;
/** However much it is used, a session ends this long after sign-in. */
export const SESSION_MAX_MS = 7 * DAY_MS;
/** Use slides the idle expiry forward at most this often: one write per active console per few minutes. */
const SLIDE_STEP_MS = 5 * 60_000;

/** A new session: the cookie value (shown once, to the browser) and how long the cookie may live. */
export interface StartedSession {
  readonly token: string;
  readonly principal: Principal;
  readonly maxAgeMs: number;
}

async function start(tx: Pick<Transaction, "sessions">, now: Date, principal: Principal): Promise<StartedSession> {
  const token = newSecretToken();
  const session: ConsoleSession = {
    id: randomUUID(),
    tenantId: principal.tenantId,
    userId: principal.userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
    revokedAt: null,
  };
  await tx.sessions.insert(session, hashSecret(token));
  return { token, principal, maxAgeMs: SESSION_MAX_MS };
}

/** Signs a person in (their API token already checked). */
export async function startSession(deps: UseCaseDeps, principal: Principal): Promise<StartedSession> {
  return deps.uow.run((tx) => start(tx, deps.clock.now(), principal));
}

/**
 * The person a session cookie signs in, sliding its idle expiry; "expired" for a session revoked, past its idle or
 * absolute limit, of a person who is gone, or never issued (the browser is told to forget the cookie either way).
 */
export async function sessionPrincipal(deps: UseCaseDeps, token: string): Promise<Principal | "expired"> {
  return deps.uow.run(async (tx) => {
    const found = await tx.sessions.find(hashSecret(token));
    const now = deps.clock.now().getTime();
    if (!found || found.session.revokedAt || found.session.expiresAt.getTime() <= now) return "expired";
    const { session, principal } = found;
    // Only the standalone tenant signs in with tokens; a Jira site's people come through the Forge app.
    if (principal.tenantId !== STANDALONE_TENANT_ID || principal.tenantId !== session.tenantId) return "expired";
    const slid = Math.min(now + SESSION_IDLE_MS, session.createdAt.getTime() + SESSION_MAX_MS);
    if (slid - session.expiresAt.getTime() >= SLIDE_STEP_MS) await tx.sessions.extend(session.id, new Date(slid));
    return principal;
  });
}

/** Signs this browser out: the session of this cookie value ends; the person's other sessions go on. */
export async function endSession(deps: UseCaseDeps, token: string): Promise<void> {
  await deps.uow.run((tx) => tx.sessions.revoke(hashSecret(token), deps.clock.now()));
}

/** Signs the person out everywhere: every session of theirs ends. @returns how many were active */
export async function endSessions(deps: UseCaseDeps, principal: Principal): Promise<number> {
  return deps.uow.run((tx) => tx.sessions.revokeAllOf(principal.userId, deps.clock.now()));
}

export type LinkSignIn =
  | { readonly kind: "unknown" }
  | { readonly kind: "used" | "expired" }
  | { readonly kind: "signed_in"; readonly session: StartedSession; readonly incident: Pick<Incident, "number"> };

/** A person confirmed a page's sign-in link (`/signin/<token>`): the link is spent and a session starts, together. */
export async function signInWithLink(deps: UseCaseDeps, token: string): Promise<LinkSignIn> {
  return deps.uow.run(async (tx) => {
    const found = await linkWithParties(tx, token);
    if (!found || found.link.purpose !== "signin" || found.user.tenantId !== STANDALONE_TENANT_ID) {
      return { kind: "unknown" };
    }
    const now = deps.clock.now();
    const link = await tx.pageLinks.consume(hashSecret(token), now);
    if (!link) return { kind: linkRefusal(await tx.pageLinks.find(hashSecret(token)), now) };
    const { user, incident } = found;
    const principal: Principal = { userId: user.id, tenantId: user.tenantId, name: user.name, role: user.role };
    return { kind: "signed_in", session: await start(tx, now, principal), incident };
  });
}
