// One-time links a page carries, so a responder can act from the e-mail or chat message that reached them.
import { DAY_MS } from "./clock.ts";

export const PAGE_LINK_PURPOSES = ["acknowledge", "resolve", "signin"] as const;
export type PageLinkPurpose = (typeof PAGE_LINK_PURPOSES)[number];
/** The purposes of `/act/<token>` links: they change the incident's status. */
export type PageActionPurpose = Exclude<PageLinkPurpose, "signin">;

const HOUR_MS = DAY_MS / 24;
/** An acknowledge or resolve link works for a day: long enough for a page read late, short enough to go stale. */
export const ACTION_LINK_TTL_MS = DAY_MS;
/** A sign-in link opens a session, a stronger right than one status change: it works for an hour. */
export const SIGN_IN_LINK_TTL_MS = HOUR_MS;

/** A link as stored (its token only as a hash, elsewhere). */
export interface PageLink {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly incidentId: string;
  readonly purpose: PageLinkPurpose;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly createdAt: Date;
}

/** Whether a link can still be used at `now`. */
export function pageLinkState(link: PageLink, now: Date): "usable" | "used" | "expired" {
  if (link.usedAt) return "used";
  return link.expiresAt.getTime() > now.getTime() ? "usable" : "expired";
}

export const isPageLinkPurpose = (value: string): value is PageLinkPurpose =>
  (PAGE_LINK_PURPOSES as readonly string[]).includes(value);
