// What the sandbox is made of, as the seeded story and the demo see it: the running service and the stand-ins,
// each reachable over HTTP (in `npm run demo`, mounted on the service's own port under /sandbox/<vendor>).
import type { ShiftableClock } from "./clock.ts";
import type { StandIns } from "./stand-ins.ts";

export interface SandboxWorld extends StandIns {
  /** The service's public URL, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** The admin's API token (as written to `<data dir>/admin-token`). */
  readonly adminToken: string;
  /** The service's clock; the story moves it into the past to replay history, then back. */
  readonly clock: ShiftableClock;
}
