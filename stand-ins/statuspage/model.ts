// The emulator's state types and Statuspage's vocabularies.
// Enums are from the v1 reference's schemas (https://developer.statuspage.io/ — Incident, IncidentUpdate, Component,
// postPagesPageIdIncidents_incident); the "realtime" incident statuses are the first four of the Incident.status enum
// ("For realtime incidents, valid values are investigating, identified, monitoring, and resolved. For scheduled
// incidents, valid values are scheduled, in_progress, verifying, and completed.").

export const REALTIME_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export const SCHEDULED_STATUSES = ["scheduled", "in_progress", "verifying", "completed"] as const;
export const COMPONENT_STATUSES = [
  "operational",
  "under_maintenance",
  "degraded_performance",
  "partial_outage",
  "major_outage",
] as const;
/** Incident.impact and impact_override. */
export const IMPACTS = ["none", "maintenance", "minor", "major", "critical"] as const;

export type IncidentStatus = (typeof REALTIME_STATUSES)[number];
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];
export type Impact = (typeof IMPACTS)[number];
/** Page status indicator as webhooks carry it (page.status_indicator). */
export type StatusIndicator = "none" | "minor" | "major" | "critical" | "maintenance";

/** Incident metadata: "Attach a json object to the incident. All top-level values in the object must also be objects." */
export type IncidentMetadata = Record<string, Record<string, unknown>>;

export interface SeedComponent {
  id: string;
  name: string;
  status?: ComponentStatus;
  description?: string | null;
  group_id?: string | null;
  showcase?: boolean;
}

export interface ComponentState {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  position: number;
  group_id: string | null;
  showcase: boolean;
  only_show_if_degraded: boolean;
  start_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface AffectedComponent {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface UpdateState {
  id: string;
  incident_id: string;
  status: IncidentStatus;
  body: string;
  affected_components: AffectedComponent[] | null;
  deliver_notifications: boolean;
  created_at: string;
  updated_at: string;
  display_at: string;
}

export interface IncidentState {
  id: string;
  name: string;
  status: IncidentStatus;
  impact: Impact;
  impact_override: Impact | null;
  /** The worst impact the affected components have had (Statuspage keeps a resolved incident's colour). */
  calculated_impact: Impact;
  metadata: IncidentMetadata;
  /** Affected components, in the order they were first named. */
  componentIds: string[];
  /** Oldest first (represent.ts lists them newest first, as Statuspage does). */
  updates: UpdateState[];
  shortlink: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
}

/** A validated create/update request (fields the emulator acts on; everything optional on update). */
export interface IncidentChange {
  name?: string;
  status?: IncidentStatus;
  body?: string;
  impact_override?: Impact | null;
  component_ids?: string[];
  /** component id → new status ("" leaves it unchanged: the reference's enum includes ""). */
  components?: Record<string, ComponentStatus | "">;
  deliver_notifications?: boolean;
  metadata?: IncidentMetadata;
}

export interface ComponentChange {
  status?: ComponentStatus | "";
  name?: string;
  description?: string | null;
}

/** A webhook body to deliver, built when the change happened (a snapshot, like Statuspage's). */
export interface WebhookEvent {
  kind: "incident" | "component";
  payload: Record<string, unknown>;
}

export const DEFAULT_COMPONENTS: readonly SeedComponent[] = [
  { id: "cmp0api", name: "API" },
  { id: "cmp0webapp", name: "Web app" },
  { id: "cmp0db", name: "Database" },
];

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}
