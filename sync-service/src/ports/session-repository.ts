import type { Principal } from "../domain/principal.ts";

/** A signed-in console, as stored (its cookie value only as a hash). */
export interface ConsoleSession {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

/** Console sessions, found by the SHA-256 hash of their cookie value. */
export interface SessionRepository {
  insert(session: ConsoleSession, tokenHash: string): Promise<void>;
  /** The session and the person it signs in (null when either is gone). */
  find(tokenHash: string): Promise<{ session: ConsoleSession; principal: Principal } | null>;
  /** Slides an active session's expiry (idle limit). */
  extend(id: string, expiresAt: Date): Promise<void>;
  /** Revokes one session, by the hash of its cookie value. */
  revoke(tokenHash: string, now: Date): Promise<void>;
  /** Revokes every active session of the person; @returns how many */
  revokeAllOf(userId: string, now: Date): Promise<number>;
}
