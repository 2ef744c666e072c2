import { IllegalTransitionDomainError } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident.ts";
import type { PageActionPurpose } from "../../domain/page-link.ts";
import type { Principal } from "../../domain/principal.ts";
import { changeIncidentStatusIn } from "../incidents/change-incident-status.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { hashSecret } from "../shared/secret-token.ts";
import { linkRefusal, linkWithParties } from "./page-links.ts";

/** Acknowledged entries read to name who acknowledged (as answer-page.ts). */
const ACKNOWLEDGEMENTS_READ = 20;

type Shown = Pick<Incident, "number" | "title" | "status">;

/** What became of a confirmed action link. */
export type LinkActionOutcome =
  | { readonly kind: "unknown" }
  | { readonly kind: "used" | "expired"; readonly incident: Shown }
  | { readonly kind: "done"; readonly purpose: PageActionPurpose; readonly incident: Shown }
  /** The link is spent, and nothing changed: the incident was already past that status. */
  | { readonly kind: "stale"; readonly incident: Shown; readonly acknowledgedBy: string | null };

/**
 * A person confirmed an acknowledge or resolve link (`/act/<token>`): the link is spent and the incident's status
 * changes in one transaction, as the console's button does, by the link's person in the link's tenant, "from an
 * e-mail link" (escalation stops). A link already used or expired changes nothing.
 */
export async function actFromPageLink(deps: UseCaseDeps, token: string): Promise<LinkActionOutcome> {
  return deps.uow.run(async (tx) => {
    const found = await linkWithParties(tx, token);
    if (!found || found.link.purpose === "signin") return { kind: "unknown" };
    const { user, incident } = found;
    const now = deps.clock.now();
    const link = await tx.pageLinks.consume(hashSecret(token), now);
    if (!link) return { kind: linkRefusal(await tx.pageLinks.find(hashSecret(token)), now), incident };
    const purpose = link.purpose as PageActionPurpose;
    const by: Principal = { userId: user.id, tenantId: link.tenantId, name: user.name, role: user.role };
    try {
      const next = await changeIncidentStatusIn(tx, now, by, link.incidentId, purpose, "email");
      return { kind: "done", purpose, incident: next };
    } catch (error) {
      // Thrown by the pure transition before any write: the link stays spent, the incident as it was.
      if (!(error instanceof IllegalTransitionDomainError)) throw error;
      const acknowledged = await tx.timeline.page(incident.id, {
        types: ["incident.acknowledged"],
        limit: ACKNOWLEDGEMENTS_READ,
      });
      return { kind: "stale", incident, acknowledgedBy: acknowledged.at(-1)?.author ?? null };
    }
  });
}
