// The one-time links a page carries, minted when it is sent, and what a person sees on opening one.
import { randomUUID } from "node:crypto";
import {
  ACTION_LINK_TTL_MS,
  pageLinkState,
  SIGN_IN_LINK_TTL_MS,
  type PageLink,
  type PageLinkPurpose,
} from "../../domain/page-link.ts";
import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";
import type { Incident } from "../../domain/incident.ts";
import type { PageLinkUrls } from "../../ports/notifier-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { hashSecret, newSecretToken } from "../shared/secret-token.ts";

/** Who a page's links act for, and on what. */
export interface LinkTarget {
  readonly tenantId: string;
  readonly userId: string;
  readonly incidentId: string;
}

async function mint(
  tx: Pick<Transaction, "pageLinks">,
  now: Date,
  target: LinkTarget,
  purpose: PageLinkPurpose,
): Promise<string> {
  const token = newSecretToken();
  const ttl = purpose === "signin" ? SIGN_IN_LINK_TTL_MS : ACTION_LINK_TTL_MS;
  const link = { id: randomUUID(), ...target, purpose, expiresAt: new Date(now.getTime() + ttl), usedAt: null };
  await tx.pageLinks.insert({ ...link, createdAt: now }, hashSecret(token));
  return token;
}

/**
 * Mints the page's personal links under `publicUrl`: acknowledge and resolve (`/act/<token>`) when `actions`, and a
 * sign-in link (`/signin/<token>`) for people of the standalone tenant (a Jira site's people sign in through Jira).
 */
export async function mintPageLinks(
  tx: Pick<Transaction, "pageLinks">,
  now: Date,
  publicUrl: string,
  target: LinkTarget,
  actions: boolean,
): Promise<PageLinkUrls> {
  const act = async (purpose: PageLinkPurpose) => `${publicUrl}/act/${await mint(tx, now, target, purpose)}`;
  const actionUrls = actions ? { acknowledge: await act("acknowledge"), resolve: await act("resolve") } : null;
  const signInUrl =
    target.tenantId === STANDALONE_TENANT_ID ? `${publicUrl}/signin/${await mint(tx, now, target, "signin")}` : null;
  return { actionUrls, signInUrl };
}

/** A link as its confirmation page shows it. */
export type PageLinkView =
  | { readonly kind: "unknown" }
  | {
      readonly kind: "usable" | "used" | "expired";
      readonly purpose: PageLinkPurpose;
      readonly incident: Pick<Incident, "number" | "title" | "status">;
      readonly personName: string;
    };

/** The link, its person and its incident, all of the link's tenant; null when any is gone. */
export async function linkWithParties(tx: Transaction, token: string) {
  const link = await tx.pageLinks.find(hashSecret(token));
  if (!link) return null;
  const user = await tx.oncall.getUser(link.userId);
  const incident = await tx.incidents.findById(link.tenantId, link.incidentId);
  // A person deactivated since the page acts and signs in no more (as their tokens and sessions).
  if (!user?.active || user.tenantId !== link.tenantId || !incident) return null;
  return { link, user, incident };
}

/** What opening a link shows, changing nothing (mail scanners and chat unfurlers open links too). */
export async function viewPageLink(
  deps: UseCaseDeps,
  token: string,
  purposes: readonly PageLinkPurpose[],
): Promise<PageLinkView> {
  return deps.uow.run(async (tx) => {
    const found = await linkWithParties(tx, token);
    if (!found || !purposes.includes(found.link.purpose)) return { kind: "unknown" };
    const { link, user, incident } = found;
    return { kind: pageLinkState(link, deps.clock.now()), purpose: link.purpose, incident, personName: user.name };
  });
}

/** Why a link that exists could not be consumed at `now` (read again after the consume failed). */
export const linkRefusal = (link: PageLink | null, now: Date): "used" | "expired" =>
  link && pageLinkState(link, now) === "expired" ? "expired" : "used";
