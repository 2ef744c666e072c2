// Telling subscribers of a status update. The expand job turns the subscribers into recipients (a team's active
// members at that moment, a person's account e-mail and Slack DM, plain addresses), one delivery row and one job per
// recipient and channel, committed together in chunks: a crash mid-way leaves rows that have their jobs, and the rerun
// adds only what is missing. Each delivery job sends once and records it; see deliverStatusUpdate for the one window
// in which a crash sends twice.
import { randomUUID } from "node:crypto";
import { incidentKey } from "../../domain/incident.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import type { DeliveryRecord } from "../../ports/crisis-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { bridgeFor } from "./bridge.ts";
import { STATUS_UPDATE_DELIVER_TASK, type CrisisDeps } from "./crisis-deps.ts";

/** Recipients committed per transaction: keeps one update to thousands from holding the database for long. */
const CHUNK = 200;

type Recipient = Pick<DeliveryRecord, "channel" | "recipient" | "userId" | "name">;

async function recipientsOf(tx: Transaction, incidentId: string, tenantId: string): Promise<Recipient[]> {
  const userIds = new Set<string>();
  const out = new Map<string, Recipient>();
  const add = (r: Recipient) => {
    const key = `${r.channel}:${r.recipient.toLowerCase()}`;
    if (!out.has(key)) out.set(key, r);
  };
  for (const s of await tx.crisis.listSubscribers(incidentId)) {
    if (s.kind === "user") userIds.add(s.ref);
    else if (s.kind === "team") for (const id of await tx.teams.membersOf(s.ref)) userIds.add(id);
    else add({ channel: "email", recipient: s.ref, userId: null, name: s.ref });
  }
  const people = (await tx.oncall.findUsers(tenantId, [...userIds])).filter((u) => u.active);
  // One read for everyone's contacts: per person, a team of hundreds kept the transaction (and, on PGlite, the
  // service's only connection) busy for seconds. A person's first Slack contact is their DM.
  const slackOf = new Map<string, string>();
  for (const c of await tx.oncall.listContactsOf(people.map((u) => u.id)))
    if (c.kind === "slack" && c.address.trim() && !slackOf.has(c.userId)) slackOf.set(c.userId, c.address.trim());
  for (const user of people) {
    add({ channel: "email", recipient: user.email, userId: user.id, name: user.name });
    const slack = slackOf.get(user.id);
    if (slack) add({ channel: "slack", recipient: slack, userId: user.id, name: user.name });
  }
  return [...out.values()];
}

export async function expandStatusUpdate(deps: CrisisDeps, statusUpdateId: string): Promise<void> {
  const recipients = await deps.uow.run(async (tx) => {
    const update = await tx.crisis.getStatusUpdate(statusUpdateId);
    const incident = update && (await tx.incidents.get(update.incidentId));
    return incident ? recipientsOf(tx, incident.id, incident.tenantId) : [];
  });
  for (let i = 0; i < recipients.length; i += CHUNK) {
    await deps.uow.run(async (tx) => {
      const rows = recipients.slice(i, i + CHUNK).map((r): DeliveryRecord => ({
        ...r,
        id: randomUUID(),
        statusUpdateId,
        state: "pending",
        providerId: null,
        error: null,
        sentAt: null,
      }));
      for (const id of await tx.crisis.insertDeliveries(rows))
        await tx.jobs.enqueue({
          task: STATUS_UPDATE_DELIVER_TASK,
          key: `status_update_deliver:${id}`,
          payload: { deliveryId: id },
        });
    });
  }
}

/**
 * Sends one delivery. It is marked `sending` before the send and `sent` after: a retry that finds it `sending`
 * knows an earlier attempt may have gone out, and Slack then looks in the DM first. SMTP cannot be asked, so an
 * e-mail resent after a crash in that instant carries the same Message-ID, which mail clients show once.
 * A refusal that retrying cannot mend (bad address, no Slack) marks the delivery failed, with the reason.
 */
export async function deliverStatusUpdate(deps: CrisisDeps, deliveryId: string): Promise<void> {
  const ctx = await deps.uow.run(async (tx) => {
    const delivery = await tx.crisis.lockDelivery(deliveryId);
    if (!delivery || delivery.state === "sent" || delivery.state === "failed") return null;
    const update = await tx.crisis.getStatusUpdate(delivery.statusUpdateId);
    const incident = update && (await tx.incidents.get(update.incidentId));
    if (!update || !incident) return null;
    if (delivery.state === "pending") await tx.crisis.setDeliveryState(delivery.id, { state: "sending" });
    return { delivery, update, incident, bridge: await bridgeFor(tx, incident) };
  });
  if (!ctx) return;
  const { delivery, update, incident } = ctx;
  const key = incidentKey(incident);
  const contact = {
    id: delivery.id,
    userId: delivery.userId ?? "",
    kind: delivery.channel,
    address: delivery.recipient,
  };
  try {
    const sent = await deps.notifier.inform(contact, {
      deliveryId: delivery.id,
      incidentKey: key,
      incidentTitle: incident.title,
      drill: incident.drill,
      severity: incident.severity,
      status: incident.status,
      message: update.message,
      author: update.authorName,
      postedAt: update.createdAt,
      recipientName: delivery.name,
      url: `${deps.publicUrl}/incidents/${key}`,
      bridge: ctx.bridge,
      mayHaveBeenSent: delivery.state === "sending",
    });
    const change = { state: "sent" as const, providerId: sent.providerId, sentAt: deps.clock.now(), error: null };
    await deps.uow.run((tx) => tx.crisis.setDeliveryState(delivery.id, change));
  } catch (error) {
    if (!isIntegrationError(error, "rejected", "access", "not_configured")) throw error;
    await deps.uow.run((tx) => tx.crisis.setDeliveryState(delivery.id, { state: "failed", error: error.message }));
  }
}
