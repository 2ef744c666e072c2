// The tables of the in-memory store (in-memory-store.ts).
import type { VoiceCall } from "../../domain/call-routing.ts";
import type { EscalationPolicy, EscalationProgress } from "../../domain/escalation-policy.ts";
import type { Alert, Incident, LinkedIssue, Service } from "../../domain/index.ts";
import type { ActionItem } from "../../domain/postmortem/action-item.ts";
import type { Postmortem } from "../../domain/postmortem/postmortem.ts";
import type { TenantSettings } from "../../domain/tenant-settings.ts";
import type { StoredTimelineEntry } from "../../domain/timeline.ts";
import type { ContactMethod } from "../../ports/notifier-port.ts";
import type { NotificationRuleRecord, PageRecord, ScheduleRecord, UserRecord } from "../../ports/oncall-repository.ts";
import type { IntegrationHealth } from "../../ports/repositories.ts";
import type { PageLink } from "../../domain/page-link.ts";

/** A job as the worker would find it. The fake has no worker: every stored job is pending. */
export interface StoredJob {
  readonly id: string;
  readonly task: string;
  readonly key: string | null;
  readonly payload: Record<string, unknown>;
  readonly runAt: Date;
  readonly maxAttempts: number;
}

/** Every table, as plain data: seed it before a test, read it after. */
export interface Tables {
  incidents: Map<string, Incident>;
  /** One-time page links by the hash of their token. */
  pageLinks: Map<string, PageLink>;
  alerts: Map<string, Alert>;
  timeline: StoredTimelineEntry[];
  services: Map<string, Service>;
  tenants: Map<string, { incidentSeq: number; settings?: TenantSettings }>;
  /** Recorded deliveries by `source` and delivery key, and by `source` and event key. */
  inbox: Map<string, unknown>;
  jobs: StoredJob[];
  links: Map<string, LinkedIssue>;
  /** By `tenantId:name`. */
  integrations: Map<string, IntegrationHealth & { tenantId: string }>;
  users: Map<string, UserRecord>;
  contacts: ContactMethod[];
  notificationRules: NotificationRuleRecord[];
  schedules: Map<string, ScheduleRecord>;
  policies: Map<string, EscalationPolicy>;
  /** The policy snapshot each incident's escalation runs on. */
  escalations: Map<string, EscalationPolicy>;
  escalationSteps: Map<string, Pick<EscalationProgress, "last" | "next">>;
  pages: Map<string, PageRecord>;
  postmortems: Map<string, Postmortem>;
  actionItems: Map<string, ActionItem>;
  voiceCalls: Map<string, VoiceCall>;
  sequences: { timeline: bigint; job: number };
}

export function emptyTables(): Tables {
  return {
    incidents: new Map(),
    pageLinks: new Map(),
    alerts: new Map(),
    timeline: [],
    services: new Map(),
    tenants: new Map(),
    inbox: new Map(),
    jobs: [],
    links: new Map(),
    integrations: new Map(),
    users: new Map(),
    contacts: [],
    notificationRules: [],
    schedules: new Map(),
    policies: new Map(),
    escalations: new Map(),
    escalationSteps: new Map(),
    pages: new Map(),
    postmortems: new Map(),
    actionItems: new Map(),
    voiceCalls: new Map(),
    sequences: { timeline: 0n, job: 0 },
  };
}

/** The row when it belongs to the tenant: what a `findX(tenantId, id)` answers. */
export const ofTenant = <T extends { tenantId: string }>(row: T | undefined, tenantId: string): T | null =>
  row?.tenantId === tenantId ? row : null;
