import type { Alert, Incident, LinkedIssue, Service, TimelineEntry } from "../domain/index.ts";
import { incidentKey } from "../domain/incident.ts";
import type { Job } from "../ports/jobs.ts";

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
  return { ...entry, occurredAt: entry.occurredAt.toISOString() };
}

export function presentService(service: Service, publicUrl: string) {
  const { tickets, ...rest } = service;
  return {
    ...rest,
    jira: tickets,
    createdAt: service.createdAt.toISOString(),
    updatedAt: service.updatedAt.toISOString(),
    endpoints: {
      eventsV2: `${publicUrl}/v2/enqueue`,
      alertmanager: `${publicUrl}/webhooks/alertmanager/${service.integrationKey}`,
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
