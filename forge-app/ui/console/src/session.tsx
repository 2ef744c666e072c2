// Who is signed in. The API token lives in sessionStorage only: it is gone when the tab closes, and no
// other site can read it. Roles come from GET /api/me; the API enforces them, the console only hides
// what a role cannot do.
import { createContext, useContext } from "react";
import type { UserRole as Role } from "../../../../sync-service/src/domain/principal.ts";
import type { Me } from "../../../../sync-service/src/web/api-types.ts";
import type { Transport } from "./transport/transport.ts";

export type { Me, Role };

const KEY = "firewatch.token";
const RANK: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };

export const storedToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const clearStoredToken = (): void => sessionStorage.removeItem(KEY);

export interface Session {
  readonly me: Me;
  readonly transport: Transport;
  /** Whether the signed-in person's role allows what needs `role`. */
  can(role: Role): boolean;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function makeSession(me: Me, transport: Transport, signOut: () => void): Session {
  return { me, transport, signOut, can: (role) => RANK[me.role] >= RANK[role] };
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in console");
  return session;
}
