// Request-body validation for the incident and component write calls.
// Field lists and enums: https://developer.statuspage.io/ (schemas postPagesPageIdIncidents_incident,
// patchPagesPageIdIncidents_incident, postPagesPageIdComponents_component). The reference documents 400 "Bad request"
// and 422 "Unprocessable entity" for these calls without the messages; the messages here are the emulator's own
// (Rails-style, as Statuspage is a Rails app), so clients must not match on them.
import {
  COMPONENT_STATUSES,
  IMPACTS,
  isOneOf,
  REALTIME_STATUSES,
  SCHEDULED_STATUSES,
  type ComponentChange,
  type IncidentChange,
  type IncidentMetadata,
} from "./model.ts";

export interface Refusal {
  status: 400 | 422;
  error: string;
}

export type Validated<T> = { ok: true; value: T; notes: string[] } | { ok: false; refusal: Refusal; notes: string[] };

/** Fields of the incident create/update schemas that the emulator acts on. */
const EMULATED_INCIDENT_FIELDS = [
  "name",
  "status",
  "body",
  "impact_override",
  "component_ids",
  "components",
  "deliver_notifications",
  "metadata",
];
/** Documented fields for scheduled maintenances, backfills and Twitter: accepted by Statuspage, not emulated here. */
const DOCUMENTED_NOT_EMULATED = [
  "scheduled_for",
  "scheduled_until",
  "scheduled_remind_prior",
  "auto_transition_to_maintenance_state",
  "auto_transition_to_operational_state",
  "scheduled_auto_in_progress",
  "scheduled_auto_completed",
  "auto_transition_deliver_notifications_at_start",
  "auto_transition_deliver_notifications_at_end",
  "auto_tweet_at_beginning",
  "auto_tweet_on_completion",
  "auto_tweet_on_creation",
  "auto_tweet_one_hour_before",
  "backfill_date",
  "backfilled",
  "scheduled_auto_transition",
];
const EMULATED_COMPONENT_FIELDS = ["status", "name", "description"];
const DOCUMENTED_COMPONENT_NOT_EMULATED = ["only_show_if_degraded", "group_id", "showcase", "start_date"];

/** `{incident: {...}}` for POST (mode "create") and PATCH/PUT (mode "update"). */
export function validateIncidentRequest(
  raw: Record<string, unknown>,
  mode: "create" | "update",
  componentIds: ReadonlySet<string>,
): Validated<IncidentChange> {
  const notes: string[] = [];
  for (const key of Object.keys(raw))
    if (key !== "incident") notes.push(`unknown top-level field "${key}" (the body is {incident: {...}})`);
  const incident = raw.incident;
  // Rails' `params.require(:incident)`: a missing or empty wrapper is a 400.
  if (!isPlainObject(incident) || Object.keys(incident).length === 0) {
    return { ok: false, notes, refusal: { status: 400, error: "param is missing or the value is empty: incident" } };
  }
  for (const key of Object.keys(incident)) {
    if (key === "message")
      notes.push(
        'unknown field "incident.message" (older docs; the v1 reference calls the first update\'s text "body")',
      );
    else if (DOCUMENTED_NOT_EMULATED.includes(key))
      notes.push(`documented field "incident.${key}" is not emulated (scheduled, backfilled or tweeted incidents)`);
    else if (!EMULATED_INCIDENT_FIELDS.includes(key)) notes.push(`unknown field "incident.${key}"`);
  }
  const fail = (error: string, status: 400 | 422 = 422): Validated<IncidentChange> => ({
    ok: false,
    notes,
    refusal: { status, error },
  });
  const change: IncidentChange = {};

  if (incident.name !== undefined || mode === "create") {
    if (typeof incident.name !== "string" || incident.name.trim() === "") return fail("Name can't be blank");
    if (incident.name.length > 255) return fail("Name is too long (maximum is 255 characters)");
    change.name = incident.name;
  }
  if (incident.status !== undefined) {
    if (isOneOf(SCHEDULED_STATUSES, incident.status)) {
      notes.push(`incident status "${incident.status}" is for scheduled maintenances, which are not emulated`);
      return fail("Status is not included in the list");
    }
    if (!isOneOf(REALTIME_STATUSES, incident.status)) return fail("Status is not included in the list");
    change.status = incident.status;
  }
  if (incident.body !== undefined && incident.body !== null) {
    if (typeof incident.body !== "string") return fail("Body is invalid");
    if (incident.body.length > 25000) return fail("Body is too long (maximum is 25000 characters)");
    change.body = incident.body;
  }
  if (incident.impact_override !== undefined) {
    if (incident.impact_override === null || incident.impact_override === "") change.impact_override = null;
    else if (!isOneOf(IMPACTS, incident.impact_override)) return fail("Impact override is not included in the list");
    else change.impact_override = incident.impact_override;
  }
  if (incident.component_ids !== undefined) {
    const ids = incident.component_ids;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string"))
      return fail("Component ids must be a list of component ids");
    const unknown = ids.filter((id) => !componentIds.has(id));
    if (unknown.length) return fail(`Components not found on this page: ${unknown.join(", ")}`);
    change.component_ids = [...new Set(ids as string[])];
  }
  if (incident.components !== undefined) {
    if (!isPlainObject(incident.components)) {
      notes.push("incident.components must be a map {<component id>: <status>}");
      return fail("Components must be a map of component ids to statuses");
    }
    const map: Record<string, (typeof COMPONENT_STATUSES)[number] | ""> = {};
    for (const [id, status] of Object.entries(incident.components)) {
      if (!componentIds.has(id)) return fail(`Components not found on this page: ${id}`);
      if (status !== "" && !isOneOf(COMPONENT_STATUSES, status))
        return fail(`Component status is not included in the list: ${String(status)}`);
      map[id] = status;
    }
    change.components = map;
  }
  if (incident.deliver_notifications !== undefined) {
    const value = toBoolean(incident.deliver_notifications);
    if (value === undefined) return fail("Deliver notifications is invalid");
    change.deliver_notifications = value;
  }
  if (incident.metadata !== undefined) {
    const metadata = incident.metadata;
    // "Attach a json object to the incident. All top-level values in the object must also be objects."
    if (!isPlainObject(metadata) || !Object.values(metadata).every(isPlainObject))
      return fail("Metadata top-level values must be objects");
    change.metadata = structuredClone(metadata) as IncidentMetadata;
  }
  return { ok: true, value: change, notes };
}

/** `{component: {...}}` for PATCH/PUT …/components/{id}. */
export function validateComponentRequest(raw: Record<string, unknown>): Validated<ComponentChange> {
  const notes: string[] = [];
  for (const key of Object.keys(raw))
    if (key !== "component") notes.push(`unknown top-level field "${key}" (the body is {component: {...}})`);
  const component = raw.component;
  if (!isPlainObject(component) || Object.keys(component).length === 0) {
    return { ok: false, notes, refusal: { status: 400, error: "param is missing or the value is empty: component" } };
  }
  for (const key of Object.keys(component)) {
    if (DOCUMENTED_COMPONENT_NOT_EMULATED.includes(key))
      notes.push(`documented field "component.${key}" is not emulated`);
    else if (!EMULATED_COMPONENT_FIELDS.includes(key)) notes.push(`unknown field "component.${key}"`);
  }
  const fail = (error: string): Validated<ComponentChange> => ({ ok: false, notes, refusal: { status: 422, error } });
  const change: ComponentChange = {};
  if (component.status !== undefined) {
    if (component.status !== "" && !isOneOf(COMPONENT_STATUSES, component.status))
      return fail("Status is not included in the list");
    change.status = component.status;
  }
  if (component.name !== undefined) {
    if (typeof component.name !== "string" || component.name.trim() === "") return fail("Name can't be blank");
    change.name = component.name;
  }
  if (component.description !== undefined) {
    if (component.description !== null && typeof component.description !== "string")
      return fail("Description is invalid");
    change.description = component.description;
  }
  return { ok: true, value: change, notes };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Booleans arrive as true/false in JSON and as "true"/"false" (or "1"/"0") in form bodies; Rails casts both. */
function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return undefined;
}
