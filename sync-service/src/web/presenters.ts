import type { Clock } from "../domain/clock.ts";
import { nextDrillAt } from "../domain/drill-schedule.ts";
import type { Alert, Incident, LinkedIssue, Service, TimelineEntry } from "../domain/index.ts";
import type { IncidentChannel, MirrorPolicy } from "../domain/conversation.ts";
import { incidentKey } from "../domain/incident.ts";
import type { StatusPost } from "../domain/status-post.ts";
import { isDone, isOverdue, type ActionItem } from "../domain/postmortem/action-item.ts";
import type { Postmortem } from "../domain/postmortem/postmortem.ts";
import type { Schedule } from "../domain/oncall/schedule.ts";
import { isEditableByPeople } from "../domain/timeline.ts";
import type { Principal } from "../domain/principal.ts";
import type { Job } from "../ports/jobs.ts";
import type { SandboxInfo } from "./context.ts";
import type { ScheduleRecord } from "../ports/oncall-repository.ts";
import type { TrackedActionItem } from "../ports/report-repository.ts";

export function presentIncident(incident: Incident, publicUrl: string) {
  const key = incidentKey(incident);
  return {
    id: incident.id,
    key,
    number: incident.number,
    title: incident.title,
    description: incident.description,
    severity: incident.severity,
    status: incident.status,
    serviceId: incident.serviceId,
    ownerId: incident.ownerId,
    drill: incident.drill,
    revision: incident.revision,
    createdAt: incident.createdAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
    acknowledgedAt: incident.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    url: `${publicUrl}/incidents/${key}`,
  };
}

export function presentAlert(alert: Alert) {
  return {
    id: alert.id,
    dedupKey: alert.dedupKey,
    status: alert.resolvedAt ? "resolved" : "open",
    summary: alert.summary,
    source: alert.source,
    severity: alert.severity,
    count: alert.count,
    firstAt: alert.firstAt.toISOString(),
    lastAt: alert.lastAt.toISOString(),
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
  };
}

export function presentTimelineEntry(entry: TimelineEntry) {
  const { edits = [], keyMoment = false, ...rest } = entry;
  delete (rest as { seq?: bigint }).seq;
  return { ...rest, occurredAt: entry.occurredAt.toISOString(), keyMoment, editable: isEditableByPeople(entry), edits };
}

export function presentPostmortem(p: Postmortem) {
  return {
    status: p.status,
    templateId: p.templateId,
    pageId: p.pageId,
    pageUrl: p.pageUrl,
    timelinePageId: p.timelinePageId,
    pageVersion: p.pageVersion,
    renderedAt: p.renderedAt?.toISOString() ?? null,
    lastError: p.lastError,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentActionItem(item: ActionItem, ticketBaseUrl: string | null, now: Date) {
  return {
    ...item,
    issueUrl: item.issueKey && ticketBaseUrl ? `${ticketBaseUrl}/browse/${item.issueKey}` : null,
    done: isDone(item),
    overdue: isOverdue(item, now),
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    doneAt: item.doneAt?.toISOString() ?? null,
  };
}

/** An action item as the managers' tracker lists it: with its incident, service and owner. */
export function presentTrackedActionItem(
  t: TrackedActionItem & { serviceName: string | null },
  ticketBaseUrl: string | null,
  now: Date,
) {
  const { incident } = t;
  return {
    ...presentActionItem(t.item, ticketBaseUrl, now),
    incidentKey: incidentKey(incident),
    incident: {
      key: incidentKey(incident),
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
    },
    service: incident.serviceId ? { id: incident.serviceId, name: t.serviceName } : null,
    owner: t.item.assignee,
  };
}

export function presentStatusPost(post: StatusPost) {
  return { ...post, createdAt: post.createdAt.toISOString(), publishedAt: post.publishedAt?.toISOString() ?? null };
}

export function presentChannel(channel: IncidentChannel, effective: MirrorPolicy) {
  return {
    channelId: channel.channelId,
    channelName: channel.channelName,
    state: channel.channelId ? "ready" : "opening",
    mirrorMode: effective.mode,
    mirrorReaction: effective.reaction,
    mirrorFrom: channel.mirror ? "incident" : "service",
    invited: channel.invited,
    createdAt: channel.createdAt.toISOString(),
    readyAt: channel.readyAt?.toISOString() ?? null,
  };
}

/** Where a service's integrations send to: the public URL, and the e-mail domain when incident e-mail is on. */
export interface IntegrationBases {
  readonly publicUrl: string;
  readonly emailDomain: string | null;
  /** For `nextDrillAt`; without it the service shows null. */
  readonly clock?: Clock;
}

export function presentService(service: Service, { publicUrl, emailDomain, clock }: IntegrationBases) {
  const { tickets, conversation, crisis, ...rest } = service;
  return {
    ...rest,
    ...crisis,
    jira: tickets,
    slack: {
      channelSeverities: conversation.channelSeverities,
      mirrorMode: conversation.mode,
      mirrorReaction: conversation.reaction,
    },
    nextDrillAt: clock ? (nextDrillAt(service.drillSchedule, clock.now())?.toISOString() ?? null) : null,
    createdAt: service.createdAt.toISOString(),
    updatedAt: service.updatedAt.toISOString(),
    endpoints: {
      eventsV2: `${publicUrl}/v2/enqueue`,
      alertmanager: `${publicUrl}/webhooks/alertmanager/${service.integrationKey}`,
      /** The Voice URL to set on the Twilio number of `callRouting` (docs/call-routing.md). */
      voice: `${publicUrl}/webhooks/twilio/voice/${service.integrationKey}`,
      /** null: incident e-mail is off (FIREWATCH_SMTP_PORT unset). */
      email: emailDomain ? `${service.integrationKey}@${emailDomain}` : null,
    },
  };
}

export function presentJob(job: Job) {
  return {
    ...job,
    runAt: job.runAt.toISOString(),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export function presentLinkedIssue(link: LinkedIssue, jiraBaseUrl: string | null) {
  return {
    id: link.id,
    kind: link.kind,
    isOrigin: link.isOrigin,
    state: link.state,
    issueId: link.issueId,
    issueKey: link.issueKey,
    projectKey: link.projectKey,
    status: link.statusName,
    statusCategory: link.statusCategory,
    syncedRevision: link.syncedRevision,
    dropReason: link.dropReason,
    url: jiraBaseUrl && link.issueKey ? `${jiraBaseUrl}/browse/${link.issueKey}` : null,
    createdAt: link.createdAt.toISOString(),
  };
}

/** A schedule as docs/schedules.md writes it, with its id and name; a stored one is answered as stored. */
export function presentSchedule(record: ScheduleRecord) {
  return { id: record.id, name: record.name, ...(record.definition as Schedule) };
}

/** The signed-in caller, as `GET /api/me` answers. */
export function presentMe({ userId, name, role }: Principal, sandbox?: SandboxInfo) {
  return { userId, name, role, ...(sandbox ? { sandbox: { links: sandbox.links.map((l) => ({ ...l })) } } : {}) };
}
