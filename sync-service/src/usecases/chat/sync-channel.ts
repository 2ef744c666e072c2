import { ticketSiteUrl } from "../postmortem/postmortem-deps.ts";
import { randomUUID } from "node:crypto";
import { channelName, DEFAULT_CONVERSATION, type IncidentChannel } from "../../domain/conversation.ts";
import { incidentKey, type Incident } from "../../domain/incident.ts";
import type { StoredTimelineEntry } from "../../domain/timeline.ts";
import type { IncidentSummary } from "../../ports/chat-port.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import { PermanentJobError } from "../../ports/jobs.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { CHAT_INTEGRATION, type ChatDeps } from "./chat-deps.ts";
import { withIntegrationHealth } from "../shared/integration-health.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";

/** Timeline entries worth telling the channel about; chat messages themselves are never echoed. */
export const ANNOUNCED_TYPES = [
  "incident.acknowledged",
  "incident.resolved",
  "incident.updated",
  "note",
  "status.posted",
  "ticket.linked",
  "escalation.level",
] as const;
const ANNOUNCE_BATCH = 50;

/**
 * Brings the incident's channel up to date: creates it when the incident's severity asks for one, invites
 * the owner and paged responders, posts (once) and refreshes the pinned summary, then posts announcements
 * strictly in timeline order. Each step is recorded as it completes, so a retry (after a 429, a crash)
 * resumes where it stopped and posts nothing twice except in the instant between a post and its record,
 * which the message marker then catches.
 */
export async function syncChannel(deps: ChatDeps, incidentId: string): Promise<void> {
  if (!deps.chat.configured) return;
  const tenantId = (await deps.uow.run((tx) => tx.incidents.get(incidentId)))?.tenantId;
  if (!tenantId) return;
  const siteUrl = await ticketSiteUrl(deps.tickets, tenantId);
  const start = await deps.uow.run((tx) => ensureChannelRow(tx, incidentId));
  if (!start) return;
  try {
    await withIntegrationHealth(deps, tenantId, CHAT_INTEGRATION, async () => {
      let channel = start.channelId ? start : await createChannel(deps, start);
      const channelId = channel.channelId!;
      channel = await invitePeople(deps, channel, channelId);
      await refreshSummary(deps, channel, channelId, siteUrl);
      await announce(deps, channel, channelId);
    });
  } catch (error) {
    // The channel refuses (archived, deleted, names all taken): say so on the channel record and stop.
    if (!isIntegrationError(error, "rejected")) throw error;
    await deps.uow.run(async (tx) => {
      if (await tx.conversations.channelOf(incidentId))
        await tx.conversations.updateChannel(incidentId, { lastError: error.message });
    });
    throw new PermanentJobError(error.message, { cause: error });
  }
}

async function ensureChannelRow(tx: Transaction, incidentId: string): Promise<IncidentChannel | null> {
  const existing = await tx.conversations.channelOf(incidentId);
  if (existing) return existing;
  const incident = await tx.incidents.get(incidentId);
  if (!incident) return null;
  const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
  const wanted = (service?.conversation ?? DEFAULT_CONVERSATION).channelSeverities.includes(incident.severity);
  if (!wanted || incident.status === "resolved") return null;
  return tx.conversations.insertChannel(newChannelRow(incident, new Date()));
}

export function newChannelRow(incident: Incident, now: Date): IncidentChannel {
  return {
    incidentId: incident.id,
    channelId: null,
    channelName: channelName(incident.number, incident.title),
    mirror: null,
    summaryTs: null,
    summaryRevision: 0,
    invited: [],
    lastError: null,
    createdAt: now,
    readyAt: null,
  };
}

async function createChannel(deps: ChatDeps, channel: IncidentChannel): Promise<IncidentChannel> {
  const ref = await deps.chat.openChannel(channel.channelName);
  return deps.uow.run(async (tx) => {
    const now = deps.clock.now();
    const ready: IncidentChannel = {
      ...channel,
      channelId: ref.id,
      channelName: ref.name,
      readyAt: now,
      lastError: null,
    };
    await tx.conversations.updateChannel(channel.incidentId, {
      channelId: ref.id,
      channelName: ref.name,
      readyAt: now,
      lastError: null,
    });
    await tx.timeline.append({ id: randomUUID(), ...timelineRecords.channelCreated(channel.incidentId, now, ref) });
    return ready;
  });
}

/** The owner and everyone paged for the incident, by their chat contact. */
async function invitePeople(deps: ChatDeps, channel: IncidentChannel, channelId: string): Promise<IncidentChannel> {
  const wanted = await deps.uow.run(async (tx) => {
    const incident = await tx.incidents.get(channel.incidentId);
    const userIds = new Set<string>();
    if (incident?.ownerId) userIds.add(incident.ownerId);
    for (const page of await tx.oncall.listPages(channel.incidentId))
      if (page.state === "sent") userIds.add(page.userId);
    const chatIds: string[] = [];
    for (const userId of userIds) {
      for (const contact of await tx.oncall.listContacts(userId))
        if (contact.kind === "slack" && contact.address.trim()) chatIds.push(contact.address.trim());
    }
    return [...new Set(chatIds)];
  });
  const missing = wanted.filter((id) => !channel.invited.includes(id));
  if (missing.length === 0) return channel;
  await deps.chat.invite(channelId, missing);
  const next = { ...channel, invited: [...channel.invited, ...missing] };
  await deps.uow.run((tx) => tx.conversations.updateChannel(channel.incidentId, { invited: next.invited }));
  return next;
}

async function refreshSummary(
  deps: ChatDeps,
  channel: IncidentChannel,
  channelId: string,
  siteUrl: string | null,
): Promise<void> {
  const { summary, revision } = await deps.uow.run((tx) => summaryOf(deps, tx, channel.incidentId, siteUrl));
  if (channel.summaryTs) {
    if (channel.summaryRevision === revision) return;
    await deps.chat.updateSummary(channelId, channel.summaryTs, summary);
    await deps.uow.run((tx) => tx.conversations.updateChannel(channel.incidentId, { summaryRevision: revision }));
    return;
  }
  const marker = { kind: "summary" as const, incidentId: channel.incidentId };
  const ts = (await deps.chat.findMarked(channelId, marker)) ?? (await deps.chat.postSummary(channelId, summary));
  await deps.chat.pin(channelId, ts);
  await deps.uow.run((tx) =>
    tx.conversations.updateChannel(channel.incidentId, { summaryTs: ts, summaryRevision: revision }),
  );
}

/**
 * The summary and a fingerprint of everything it shows: the incident revision alone misses links
 * and status-page posts, which change the summary without changing the incident.
 */
async function summaryOf(
  deps: ChatDeps,
  tx: Transaction,
  incidentId: string,
  siteUrl: string | null,
): Promise<{ summary: IncidentSummary; revision: number }> {
  const incident = (await tx.incidents.get(incidentId))!;
  const owner = incident.ownerId ? await tx.oncall.getUser(incident.ownerId) : null;
  const links = (await tx.links.listOf(incidentId)).filter((l) => l.state === "linked" && l.issueKey);
  const statusLink = await tx.statusPosts.link(incidentId);
  const postmortem = await tx.postmortems.get(incidentId);
  const summary: IncidentSummary = {
    incidentId,
    key: incidentKey(incident),
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    ownerName: owner?.name ?? null,
    incidentUrl: `${deps.publicUrl}/incidents/${incidentKey(incident)}`,
    tickets: links.map((l) => ({
      key: l.issueKey!,
      url: siteUrl ? `${siteUrl}/browse/${l.issueKey}` : null,
      status: l.statusName,
    })),
    statusPageUrl: statusLink?.shortlink ?? null,
    postmortemUrl: postmortem?.pageUrl ?? null,
  };
  return { summary, revision: fingerprint(JSON.stringify(summary)) };
}

/** A 31-bit FNV-1a hash: enough to tell "the summary changed" without storing it. */
function fingerprint(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 1 || 1;
}

/** Posts what happened since the channel opened, oldest first, one at a time. */
async function announce(deps: ChatDeps, channel: IncidentChannel, channelId: string): Promise<void> {
  let first = true;
  for (;;) {
    const entries = await deps.uow.run((tx) =>
      tx.timeline.unannounced(
        channel.incidentId,
        channel.readyAt ?? channel.createdAt,
        ANNOUNCED_TYPES,
        ANNOUNCE_BATCH,
      ),
    );
    if (entries.length === 0) return;
    for (const entry of entries) {
      if (entry.data.via !== "chat") {
        const marker = { kind: "announcement" as const, incidentId: channel.incidentId, entryId: entry.id };
        // Only the first post of a run can have been made by a run that crashed before recording it.
        const found = first ? await deps.chat.findMarked(channelId, marker) : null;
        if (!found)
          await deps.chat.announce(channelId, {
            incidentId: channel.incidentId,
            entryId: entry.id,
            text: announcementText(entry),
          });
        first = false;
      }
      await deps.uow.run((tx) => tx.timeline.markAnnounced(entry.id, deps.clock.now()));
    }
  }
}

function announcementText(entry: StoredTimelineEntry): string {
  if (entry.type === "note") return `${entry.author ?? "Someone"} added a note: ${entry.body}`;
  return entry.body;
}
