import type { StoredTimelineEntry, TimelineEdit } from "../../domain/timeline.ts";
import { DEFAULT_CONVERSATION, type ConversationDefaults, type MirrorMode } from "../../domain/conversation.ts";
import type { CrisisDefaults } from "../../domain/crisis.ts";
import type { CallRouting } from "../../domain/call-routing.ts";
import type {
  Alert,
  Incident,
  LinkedIssue,
  Service,
  Severity,
  TicketDefaults,
  TimelineEntry,
  WorkCategory,
} from "../../domain/index.ts";
import type { Job } from "../../ports/jobs.ts";
import type * as db from "./generated/client.ts";
import { Prisma } from "./generated/client.ts";

/**
 * A row as the raw driver answers it (snake_case columns) in the shape Prisma gives the same table (each field
 * is its column's camelCase, as the schema maps them), so both paths use the one mapper of each table.
 */
export function fromSqlRow<T>(row: Readonly<Record<string, unknown>>): T {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      value,
    ]),
  ) as T;
}

export function toIncident(row: db.Incident): Incident {
  return {
    id: row.id,
    tenantId: row.tenantId,
    number: row.number,
    title: row.title,
    description: row.description,
    severity: row.severity,
    status: row.status,
    serviceId: row.serviceId,
    ownerId: row.ownerId,
    drill: row.drill,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
  };
}

export function toAlert(row: db.Alert): Alert {
  return {
    id: row.id,
    serviceId: row.serviceId,
    incidentId: row.incidentId,
    dedupKey: row.dedupKey,
    summary: row.summary,
    source: row.source,
    severity: row.severity as Alert["severity"],
    count: row.count,
    firstAt: row.firstAt,
    lastAt: row.lastAt,
    resolvedAt: row.resolvedAt,
  };
}

export function toTimelineEntry(row: db.TimelineEntry): StoredTimelineEntry {
  return {
    seq: row.seq,
    keyMoment: row.keyMoment,
    edits: (row.edits ?? []) as unknown as TimelineEdit[],
    id: row.id,
    incidentId: row.incidentId,
    type: row.type as TimelineEntry["type"],
    source: row.source as TimelineEntry["source"],
    sourceId: row.sourceId,
    occurredAt: row.occurredAt,
    author: row.author,
    body: row.body,
    data: (row.data ?? {}) as Record<string, unknown>,
  };
}

export function toService(row: db.Service): Service {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    description: row.description,
    integrationKey: row.integrationKey,
    defaultSeverity: row.defaultSeverity,
    tickets: toTicketDefaults(row),
    escalationPolicyId: row.escalationPolicyId,
    conversation: toConversationDefaults(row.chatSettings),
    crisis: {
      responsePlayId: row.responsePlayId,
      conferenceBridge: (row.conferenceBridge ?? null) as CrisisDefaults["conferenceBridge"],
      subscribers: (row.subscribers ?? []) as unknown as CrisisDefaults["subscribers"],
    },
    callRouting: (row.callRouting ?? null) as CallRouting | null,
    drillSchedule: (row.drillSchedule ?? null) as unknown as Service["drillSchedule"],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

type TicketColumns = Pick<
  db.Service,
  | "jiraProjectKey"
  | "jiraIssueType"
  | "jiraPriorities"
  | "jiraOriginAcknowledges"
  | "jiraOriginResolves"
  | "jiraResolution"
>;

export function toTicketDefaults(row: TicketColumns): TicketDefaults {
  return {
    projectKey: row.jiraProjectKey,
    issueType: row.jiraIssueType,
    priorities: row.jiraPriorities as Record<Severity, string>,
    originAcknowledges: row.jiraOriginAcknowledges,
    originResolves: row.jiraOriginResolves,
    resolution: row.jiraResolution,
  };
}

/** The `chat_settings` column: { channelSeverities, mirrorMode, mirrorReaction }. */
export function toConversationDefaults(json: unknown): ConversationDefaults {
  const c = (json ?? {}) as { channelSeverities?: Severity[]; mirrorMode?: MirrorMode; mirrorReaction?: string | null };
  return {
    channelSeverities: c.channelSeverities ?? DEFAULT_CONVERSATION.channelSeverities,
    mode: c.mirrorMode ?? DEFAULT_CONVERSATION.mode,
    reaction: c.mirrorReaction ?? null,
  };
}

export function fromConversationDefaults(c: ConversationDefaults): {
  chatSettings: { channelSeverities: Severity[]; mirrorMode: MirrorMode; mirrorReaction: string | null };
} {
  return {
    chatSettings: { channelSeverities: [...c.channelSeverities], mirrorMode: c.mode, mirrorReaction: c.reaction },
  };
}

export function fromTicketDefaults(
  t: TicketDefaults,
): Omit<TicketColumns, "jiraPriorities"> & { jiraPriorities: Record<string, string> } {
  return {
    jiraProjectKey: t.projectKey,
    jiraIssueType: t.issueType,
    jiraPriorities: { ...t.priorities },
    jiraOriginAcknowledges: t.originAcknowledges,
    jiraOriginResolves: t.originResolves,
    jiraResolution: t.resolution,
  };
}

export function toLinkedIssue(row: db.LinkedIssue): LinkedIssue {
  return {
    id: row.id,
    incidentId: row.incidentId,
    kind: row.kind as LinkedIssue["kind"],
    isOrigin: row.isOrigin,
    state: row.state,
    issueId: row.issueId,
    issueKey: row.issueKey,
    projectKey: row.projectKey,
    issueType: row.issueType,
    statusName: row.statusName,
    statusCategory: row.statusCategory as WorkCategory | null,
    syncedRevision: row.syncedRevision,
    dropReason: row.dropReason,
    createSentAt: row.createSentAt,
    createdAt: row.createdAt,
  };
}

export function toJob(row: db.Job): Job {
  return {
    id: String(row.id),
    task: row.task,
    key: row.key,
    payload: (row.payload ?? {}) as Record<string, unknown>,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    runAt: row.runAt,
    lastError: row.lastError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  };
}

/** A service's crisis defaults as its columns. */
export function fromCrisisDefaults(c: CrisisDefaults) {
  return {
    responsePlayId: c.responsePlayId,
    conferenceBridge: c.conferenceBridge ? { ...c.conferenceBridge } : Prisma.DbNull,
    subscribers: c.subscribers.map((s) => ({ ...s })),
  };
}

/** A service's call routing as its column. */
export function fromCallRouting(routing: CallRouting | null) {
  return routing ? { ...routing } : Prisma.DbNull;
}
