import type { EscalationRule } from "../domain/escalation-rule.ts";
import type {
  Alert,
  Incident,
  IncidentStatus,
  LinkedIssue,
  Service,
  Severity,
  TimelineEntry,
} from "../domain/index.ts";
import type { StoredTimelineEntry, TimelineEdit, TimelineSource } from "../domain/timeline.ts";
import type { TenantSettings } from "../domain/tenant-settings.ts";

/** Keyset paging: at most `limit` items after `after` in the list's order (from the start without it). */
export interface PageRequest<K> {
  readonly after?: K;
  readonly limit: number;
}

/** Where a list ordered by name (ties by id) continues. */
export interface NameKey {
  readonly name: string;
  readonly id: string;
}

/** Where a list ordered by creation (ties by id) continues. */
export interface CreatedKey {
  readonly createdAt: Date;
  readonly id: string;
}

export interface IncidentFilter {
  readonly tenantId: string;
  readonly statuses?: readonly IncidentStatus[];
  readonly severities?: readonly Severity[];
  readonly serviceId?: string;
  readonly drill?: boolean; // true: only drills; false: only real incidents; absent: both
  /** Words in the title (case-insensitive), or the incident's key ("INC-42" or "42"). */
  readonly text?: string;
  /** Incidents numbered below this, for paging newest-first. */
  readonly beforeNumber?: number;
  readonly limit: number;
}

export interface IncidentRepository {
  insert(incident: Incident): Promise<void>;
  /** Writes `incident` if the stored revision is `incident.revision - 1`. @throws ConcurrentUpdatePersistenceError */
  update(incident: Incident): Promise<void>;
  findById(tenantId: string, id: string): Promise<Incident | null>;
  /** By id in any tenant: for jobs, which act for the system. */
  get(id: string): Promise<Incident | null>;
  /**
   * Reads the incident and holds its lock, and its open alerts' locks, until the transaction ends.
   * Locks are always taken alerts first, then the incident, so intake and people never deadlock.
   */
  lockById(tenantId: string, id: string): Promise<Incident | null>;
  findByNumber(tenantId: string, number: number): Promise<Incident | null>;
  list(filter: IncidentFilter): Promise<Incident[]>;
}

export interface AlertRepository {
  findOpen(serviceId: string, dedupKey: string): Promise<Alert | null>;
  insert(alert: Alert): Promise<void>;
  /** Counts one more event into the (locked, open) alert and appends `entry` for it. */
  recordRepeat(alertId: string, at: Date, entry: TimelineEntry): Promise<void>;
  resolve(alertId: string, at: Date): Promise<void>;
  resolveAllOf(incidentId: string, at: Date): Promise<number>;
  countOpen(incidentId: string): Promise<number>;
  listOf(incidentId: string): Promise<Alert[]>;
}

/** Where a page of the timeline starts: after this entry, in (occurredAt, seq) order. */
export interface TimelineCursor {
  readonly occurredAt: Date;
  readonly seq: bigint;
}

export interface TimelineFilter {
  readonly sources?: readonly TimelineSource[];
  readonly types?: readonly string[];
  readonly keyMomentsOnly?: boolean;
  readonly after?: TimelineCursor;
  readonly limit: number;
}

export interface TimelineRepository {
  /** Inserts, or updates the entry with the same (incident, source, sourceId). */
  append(entry: TimelineEntry): Promise<void>;
  listOf(incidentId: string, options?: { limit?: number; after?: Date }): Promise<StoredTimelineEntry[]>;
  /** Entries in time order (ties in insertion order), filtered, from a cursor. */
  page(incidentId: string, filter: TimelineFilter): Promise<StoredTimelineEntry[]>;
  get(id: string): Promise<StoredTimelineEntry | null>;
  findBySource(incidentId: string, source: TimelineSource, sourceId: string): Promise<StoredTimelineEntry | null>;
  /** Rewrites a person's entry; the caller passes the history with the old body appended. */
  edit(id: string, body: string, edits: readonly TimelineEdit[]): Promise<void>;
  setKeyMoment(id: string, keyMoment: boolean): Promise<void>;
  /** Entries of these types not yet posted to the incident's channel, from `since`, oldest first. */
  /** Entries of `types` not yet announced, from `since` on, and of `anyTimeTypes` however old; in timeline order. */
  unannounced(
    incidentId: string,
    since: Date,
    types: readonly string[],
    limit: number,
    anyTimeTypes?: readonly string[],
  ): Promise<StoredTimelineEntry[]>;
  markAnnounced(id: string, at: Date): Promise<void>;
}

/** A service as created: the repository stamps its times. */
export type NewServiceRecord = Omit<Service, "createdAt" | "updatedAt" | "drillSchedule" | "callRouting"> &
  Partial<Pick<Service, "drillSchedule" | "callRouting">>;

export interface ServiceRepository {
  insert(service: NewServiceRecord): Promise<Service>;
  update(service: Service): Promise<Service>;
  delete(tenantId: string, id: string): Promise<void>;
  findById(tenantId: string, id: string): Promise<Service | null>;
  /** By id in any tenant: for jobs. */
  get(id: string): Promise<Service | null>;
  findByIntegrationKey(key: string): Promise<Service | null>;
  list(tenantId: string): Promise<Service[]>;
  /** A page of the tenant's services by name. */
  page(tenantId: string, page: PageRequest<NameKey>): Promise<Service[]>;
  hasIncidents(id: string): Promise<boolean>;
}

export interface TenantRepository {
  /** Reserves the next incident number of the tenant (serialises concurrent openers on the tenant row). */
  nextIncidentNumber(tenantId: string): Promise<number>;
  /** The tenant admin's choices (Forge admin page); defaults for the standalone tenant. */
  settings(tenantId: string): Promise<TenantSettings>;
  /** Sets the service incidents declared without one are on (null: none), keeping the other settings. */
  setDefaultService(tenantId: string, serviceId: string | null): Promise<void>;
}

export interface InboxRepository {
  /**
   * Records an inbound delivery; false when one with the same source and key, or with the same source and
   * `eventKey` (the event's identity in a signed body, when the delivery key is not signed), was recorded before.
   */
  record(source: string, deliveryKey: string, payload: unknown, eventKey?: string): Promise<boolean>;
  find(source: string, deliveryKey: string): Promise<unknown>;
}

export interface Locks {
  /** Holds a lock on `name` until the transaction ends. */
  lock(name: string): Promise<void>;
}

export interface LinkedIssueRepository {
  insert(link: LinkedIssue): Promise<void>;
  update(link: LinkedIssue): Promise<void>;
  /** Sets only `createSentAt`: a create request for the link's issue is about to go to the tracker. */
  markCreateSent(id: string, at: Date): Promise<void>;
  findById(id: string): Promise<LinkedIssue | null>;
  listOf(incidentId: string): Promise<LinkedIssue[]>;
  /** The tracker issue ids of the live links of each of these incidents (incidents without any are left out). */
  issueIdsOf(incidentIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Live (not dropped) links to the tracker issue with this id, across the tenant's incidents. */
  findByIssueId(tenantId: string, issueId: string): Promise<LinkedIssue[]>;
  /** Live links of the tenant's incidents to this issue, by id or (while still pending) by key. */
  findByIssue(tenantId: string, issue: { readonly id: string; readonly key: string }): Promise<LinkedIssue[]>;
}

export interface IntegrationHealth {
  readonly name: string;
  readonly healthy: boolean;
  readonly lastError: string | null;
  readonly checkedAt: Date;
}

/** Each tenant's view of its integrations (its own Jira site and Confluence, credentials and all). */
export interface IntegrationStatusRepository {
  record(tenantId: string, health: IntegrationHealth): Promise<void>;
  list(tenantId: string): Promise<IntegrationHealth[]>;
}

export interface EscalationRuleRepository {
  insert(rule: EscalationRule): Promise<void>;
  update(rule: EscalationRule): Promise<void>;
  delete(tenantId: string, id: string): Promise<void>;
  findById(tenantId: string, id: string): Promise<EscalationRule | null>;
  list(tenantId: string): Promise<EscalationRule[]>;
  /** A page of the tenant's rules, oldest first. */
  page(tenantId: string, page: PageRequest<CreatedKey>): Promise<EscalationRule[]>;
  listEnabled(tenantId: string): Promise<EscalationRule[]>;
  /** Changes whenever one of the tenant's enabled rules is added, changed, disabled or deleted. */
  enabledVersion(tenantId: string): Promise<string>;
  /** The rules an issue was matching at its last evaluation. */
  matchingFor(issueId: string): Promise<Set<string>>;
  setMatching(ruleId: string, issueId: string, matching: boolean, at: Date): Promise<void>;
  /**
   * The rule as it is now, held until the transaction ends, so that issues entering it at the same time
   * count each other's firings against its limit; null when it was deleted.
   */
  lockForFiring(tenantId: string, id: string): Promise<EscalationRule | null>;
  recordFiring(ruleId: string, issueId: string, at: Date): Promise<void>;
  firingsSince(ruleId: string, since: Date): Promise<number>;
}
