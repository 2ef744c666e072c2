// Who is signed in. In the browser the service's HttpOnly session cookie carries the sign-in (made from an API
// token or a page's sign-in link; no script can read it); inside Jira the Forge bridge carries the Jira user.
// Roles come from GET /api/me; the API enforces them, the console only hides what a role cannot do.
import { createContext, useContext } from "react";
import type { UserRole as Role } from "../../../../sync-service/src/domain/principal.ts";
import type { Me } from "../../../../sync-service/src/web/api-types.ts";
import type { Transport } from "./transport/transport.ts";

export type { Me, Role };

const RANK: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };

export interface Session {
  readonly me: Me;
  readonly transport: Transport;
  /** Whether the signed-in person's role allows what needs `role`. */
  can(role: Role): boolean;
  /** Ends this browser's session, or with `everywhere` every session of the person. */
  signOut(everywhere?: boolean): void;
}

export const SessionContext = createContext<Session | null>(null);

export function makeSession(me: Me, transport: Transport, signOut: (everywhere?: boolean) => void): Session {
  return { me, transport, signOut, can: (role) => RANK[me.role] >= RANK[role] };
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in console");
  return session;
}
