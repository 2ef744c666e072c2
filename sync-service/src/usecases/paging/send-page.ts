import { randomUUID } from "node:crypto";
import { incidentKey } from "../../domain/incident.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import type { ContactKind, PageLinkUrls } from "../../ports/notifier-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { conversationChanged } from "../chat/chat-deps.ts";
import { bridgeFor } from "../crisis/bridge.ts";
import { mintPageLinks, type LinkTarget } from "./page-links.ts";
import { keyOfPage, pageNextRule, stillWanted, type EscalationDeps, type PageJob } from "./paging-deps.ts";

/**
 * Sends one page, at most once per key (a restart neither loses nor repeats it), unless the incident
 * was acknowledged or resolved meanwhile. A rejected channel moves straight on to the user's next rule.
 */
export async function sendPage(deps: EscalationDeps, job: PageJob): Promise<void> {
  const key = keyOfPage(job);
  const prepared = await deps.uow.run(async (tx) => {
    const incident = await tx.incidents.get(job.incidentId);
    const contact = (await tx.oncall.listContacts(job.userId)).find((c) => c.id === job.contactMethodId);
    const user = await tx.oncall.getUser(job.userId);
    // A person deactivated since the page was queued is not paged.
    if (!stillWanted(incident, job) || !contact || !user?.active) return null;
    const id = randomUUID();
    const page = await tx.oncall.claimPage({ id, key, ...job, state: "sending", providerId: null, error: null });
    if (page.state !== "sending") return null;
    const links = await linksFor(tx, deps, contact.kind, {
      tenantId: incident.tenantId,
      userId: user.id,
      incidentId: incident.id,
    });
    const bridge = await bridgeFor(tx, incident);
    return { incident, contact, user, page, mayHaveBeenSent: page.id !== id, links, bridge };
  });
  if (!prepared) return;
  const { incident, contact, user, page, mayHaveBeenSent, links, bridge } = prepared;
  const message = {
    pageId: page.id,
    incidentId: incident.id,
    incidentKey: incidentKey(incident),
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    drill: incident.drill,
    url: `${deps.publicUrl}/incidents/${incidentKey(incident)}`,
    level: job.request ? null : job.level + 1,
    recipientName: user.name,
    bridge,
    mayHaveBeenSent,
    ...links,
  };
  try {
    const delivery = await deps.notifier.send(contact, message);
    await deps.uow.run(async (tx) => {
      await tx.oncall.updatePage({ ...page, state: "sent", providerId: delivery.providerId });
      const record = { pageId: page.id, userId: user.id, userName: user.name, kind: contact.kind };
      await tx.timeline.append({
        id: randomUUID(),
        ...timelineRecords.pageSent(incident.id, deps.clock.now(), record, job.level),
      });
      // A paged responder joins the incident channel, if there is one.
      await conversationChanged(tx, incident.id);
    });
  } catch (error) {
    if (!isIntegrationError(error, "rejected", "access", "not_configured")) throw error;
    await deps.uow.run(async (tx) => {
      await tx.oncall.updatePage({ ...page, state: "failed", error: error.message });
      const record = { pageId: page.id, userId: user.id, userName: user.name, kind: contact.kind };
      await tx.timeline.append({
        id: randomUUID(),
        ...timelineRecords.pageFailed(incident.id, deps.clock.now(), record, error.message, false),
      });
      await pageNextRule(tx, job, deps.clock.now());
    });
  }
}

/**
 * A page's personal one-time links, for the channels that show links: an e-mail carries acknowledge, resolve and
 * sign-in links; a Slack DM has its own buttons for the first two, so it gets the sign-in link only. Texts and calls
 * stay short, and a webhook's receiver is a third party: no links.
 */
async function linksFor(
  tx: Transaction,
  deps: EscalationDeps,
  kind: ContactKind,
  target: LinkTarget,
): Promise<PageLinkUrls> {
  if (kind !== "email" && kind !== "slack") return { actionUrls: null, signInUrl: null };
  return mintPageLinks(tx, deps.clock.now(), deps.publicUrl, target, kind === "email");
}
