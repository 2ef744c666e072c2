import { drillPrefixed } from "../../domain/drill-marks.ts";
import { ticketSiteUrl } from "../postmortem/postmortem-deps.ts";
import { randomUUID } from "node:crypto";
import { DEFAULT_CONVERSATION, type IncidentChannel } from "../../domain/conversation.ts";
import type { StoredTimelineEntry } from "../../domain/timeline.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import { PermanentJobError } from "../../ports/jobs.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { refreshSummary } from "./channel-summary.ts";
import { CHAT_INTEGRATION, newChannelRow, type ChatDeps } from "./chat-deps.ts";
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
  "status_update.posted",
  "play.channel_post",
  "bridge.set",
  "call.answered",
  "call.voicemail",
] as const;
/** What a response play asked to post into the channel: posted even when the play ran before the channel existed. */
const ANNOUNCED_ANY_TIME = ["play.channel_post"] as const;
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

/** Posts what happened since the channel opened, oldest first, one at a time. */
async function announce(deps: ChatDeps, channel: IncidentChannel, channelId: string): Promise<void> {
  let first = true;
  const drill = (await deps.uow.run((tx) => tx.incidents.get(channel.incidentId)))?.drill;
  for (;;) {
    const entries = await deps.uow.run((tx) =>
      tx.timeline.unannounced(
        channel.incidentId,
        channel.readyAt ?? channel.createdAt,
        ANNOUNCED_TYPES,
        ANNOUNCE_BATCH,
        ANNOUNCED_ANY_TIME,
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
            text: drillPrefixed(drill, announcementText(entry)),
          });
        first = false;
      }
      await deps.uow.run((tx) => tx.timeline.markAnnounced(entry.id, deps.clock.now()));
    }
  }
}

function announcementText(entry: StoredTimelineEntry): string {
  if (entry.type === "note") return `${entry.author ?? "Someone"} added a note: ${entry.body}`;
  if (entry.type === "status_update.posted") return `Status update from ${entry.author ?? "Firewatch"}: ${entry.body}`;
  return entry.body;
}
