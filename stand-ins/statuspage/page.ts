// One status page: its components and incidents, and the state changes the API and the "UI" both go through.
// Each change returns the webhook bodies it causes, built at the moment of the change.
//
// Behaviour and where it comes from (https://developer.statuspage.io/ unless noted):
// - POST incident: `body` is "The initial message, created as the first incident update"; `components` is the
//   "Map of status changes to apply to affected components"; `component_ids` is the "List of component_ids affected by
//   this incident"; `deliver_notifications` — "If this is false, create an incident without notifying customers".
// - Incident.monitoring_at: "The timestamp when incident entered monitoring state"; resolved_at: "… was resolved".
// - Incident.impact is calculated from the components; impact_override is the "value to override calculated impact
//   value". The mapping (major_outage → critical, partial_outage → major, degraded_performance → minor,
//   under_maintenance → maintenance) is Statuspage's colour scheme; the reference does not spell it out.
// - Webhooks: sent "when you create or update an incident, or update a component status"; component webhooks "are
//   dispatched each time a component changes status (but not for changes to name, position, …)"
//   (https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/).
// Emulator choices where the docs say nothing (listed in test/fixtures/statuspage/README.md): a PATCH adds an
// incident update only when it changes the status or carries a non-empty body; `component_ids` on a PATCH replaces the
// affected list; `metadata` on a PATCH replaces the stored object; affected_components is null on an update that named
// no component; deliver_notifications:false suppresses the incident webhook but not component webhooks; component
// webhooks are sent before the incident webhook of the same change.
import { randomBytes } from "node:crypto";
import {
  IMPACTS,
  type AffectedComponent,
  type ComponentChange,
  type ComponentState,
  type ComponentStatus,
  type Impact,
  type IncidentChange,
  type IncidentState,
  type SeedComponent,
  type StatusIndicator,
  type WebhookEvent,
} from "./model.ts";
import { componentWebhook, incidentWebhook, type PageInfo } from "./represent.ts";

const COMPONENT_IMPACT: Record<ComponentStatus, Impact> = {
  operational: "none",
  under_maintenance: "maintenance",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
};

function worse(a: Impact, b: Impact): Impact {
  return IMPACTS.indexOf(a) >= IMPACTS.indexOf(b) ? a : b;
}

/** Statuspage-style identifier: 12 characters of [0-9a-z]. */
export function newId(): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  return [...randomBytes(12)].map((b) => alphabet[b % 36]).join("");
}

interface ComponentTransition {
  component: ComponentState;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export class StatusPage {
  readonly components = new Map<string, ComponentState>();
  /** Oldest first. */
  readonly incidents: IncidentState[] = [];

  constructor(
    readonly id: string,
    readonly subdomain: string,
    readonly subscriberCode: string,
    seeds: readonly SeedComponent[],
    now = new Date(),
  ) {
    const ts = now.toISOString();
    seeds.forEach((s, i) => {
      if (this.components.has(s.id)) throw new Error(`statuspage emulator: duplicate component id ${s.id}`);
      this.components.set(s.id, {
        id: s.id,
        name: s.name,
        description: s.description ?? null,
        status: s.status ?? "operational",
        position: i + 1,
        group_id: s.group_id ?? null,
        showcase: s.showcase ?? true,
        only_show_if_degraded: false,
        start_date: null,
        created_at: ts,
        updated_at: ts,
      });
    });
  }

  componentIds(): Set<string> {
    return new Set(this.components.keys());
  }

  incident(id: string): IncidentState | undefined {
    return this.incidents.find((i) => i.id === id);
  }

  /** page.status_indicator: the worst of the components' states and the unresolved incidents' impacts. */
  indicator(): StatusIndicator {
    let worst: Impact = "none";
    for (const c of this.components.values()) worst = worse(worst, COMPONENT_IMPACT[c.status]);
    for (const i of this.incidents) if (i.status !== "resolved") worst = worse(worst, i.impact);
    return worst;
  }

  info(): PageInfo {
    return { id: this.id, subdomain: this.subdomain, subscriberCode: this.subscriberCode, indicator: this.indicator() };
  }

  createIncident(change: IncidentChange, now = new Date()): { incident: IncidentState; events: WebhookEvent[] } {
    const ts = now.toISOString();
    const status = change.status ?? "investigating";
    const incident: IncidentState = {
      id: newId(),
      name: change.name ?? "",
      status,
      impact: "none",
      impact_override: change.impact_override ?? null,
      calculated_impact: "none",
      metadata: change.metadata ?? {},
      componentIds: [],
      updates: [],
      shortlink: `http://stspg.io/${randomBytes(5).toString("hex").slice(0, 9)}`,
      created_at: ts,
      updated_at: ts,
      monitoring_at: status === "monitoring" ? ts : null,
      resolved_at: status === "resolved" ? ts : null,
    };
    this.incidents.push(incident);
    const { affected, transitions } = this.applyComponents(incident, change, ts);
    const deliver = change.deliver_notifications ?? true;
    incident.updates.push(this.newUpdate(incident, change.body ?? "", affected, deliver, ts));
    this.recalculateImpact(incident);
    return { incident, events: this.events(incident, transitions, deliver, ts) };
  }

  updateIncident(
    incident: IncidentState,
    change: IncidentChange,
    now = new Date(),
  ): { changed: boolean; events: WebhookEvent[] } {
    const ts = now.toISOString();
    let changed = false;
    if (change.name !== undefined && change.name !== incident.name) {
      incident.name = change.name;
      changed = true;
    }
    if (change.impact_override !== undefined && change.impact_override !== incident.impact_override) {
      incident.impact_override = change.impact_override;
      changed = true;
    }
    if (change.metadata !== undefined) {
      incident.metadata = change.metadata;
      changed = true;
    }
    const previous = incident.status;
    const statusChanged = change.status !== undefined && change.status !== previous;
    if (statusChanged && change.status) {
      incident.status = change.status;
      if (change.status === "monitoring") incident.monitoring_at = ts;
      if (change.status === "resolved") incident.resolved_at = ts;
      else if (previous === "resolved") incident.resolved_at = null;
      changed = true;
    }
    const before = incident.componentIds.join(",");
    const { affected, transitions } = this.applyComponents(incident, change, ts);
    if (transitions.length || incident.componentIds.join(",") !== before) changed = true;
    const deliver = change.deliver_notifications ?? true;
    if (statusChanged || (change.body !== undefined && change.body !== "")) {
      incident.updates.push(this.newUpdate(incident, change.body ?? "", affected, deliver, ts));
      changed = true;
    }
    this.recalculateImpact(incident);
    if (!changed) return { changed, events: [] };
    incident.updated_at = ts;
    return { changed, events: this.events(incident, transitions, deliver, ts) };
  }

  setComponent(component: ComponentState, change: ComponentChange, now = new Date()): WebhookEvent[] {
    const ts = now.toISOString();
    if (change.name !== undefined) component.name = change.name;
    if (change.description !== undefined) component.description = change.description;
    const transitions: ComponentTransition[] = [];
    if (change.status && change.status !== component.status) {
      transitions.push({ component, old_status: component.status, new_status: change.status });
      component.status = change.status;
    }
    if (change.name !== undefined || change.description !== undefined || transitions.length) component.updated_at = ts;
    return this.componentEvents(transitions, ts);
  }

  private applyComponents(
    incident: IncidentState,
    change: IncidentChange,
    ts: string,
  ): { affected: AffectedComponent[]; transitions: ComponentTransition[] } {
    const statusChanges = change.components ?? {};
    const named = [...new Set([...(change.component_ids ?? []), ...Object.keys(statusChanges)])];
    const kept = change.component_ids !== undefined ? [] : incident.componentIds;
    incident.componentIds = [...new Set([...kept, ...named])];
    const affected: AffectedComponent[] = [];
    const transitions: ComponentTransition[] = [];
    for (const id of named) {
      const component = this.components.get(id);
      if (!component) continue;
      const oldStatus = component.status;
      const wanted = statusChanges[id];
      const newStatus = wanted ? wanted : oldStatus;
      if (newStatus !== oldStatus) {
        component.status = newStatus;
        component.updated_at = ts;
        transitions.push({ component, old_status: oldStatus, new_status: newStatus });
      }
      affected.push({ code: id, name: component.name, old_status: oldStatus, new_status: newStatus });
    }
    return { affected, transitions };
  }

  private newUpdate(
    incident: IncidentState,
    body: string,
    affected: AffectedComponent[],
    deliver: boolean,
    ts: string,
  ) {
    return {
      id: newId(),
      incident_id: incident.id,
      status: incident.status,
      body,
      affected_components: affected.length ? affected : null,
      deliver_notifications: deliver,
      created_at: ts,
      updated_at: ts,
      display_at: ts,
    };
  }

  private recalculateImpact(incident: IncidentState): void {
    for (const id of incident.componentIds) {
      const component = this.components.get(id);
      if (component) incident.calculated_impact = worse(incident.calculated_impact, COMPONENT_IMPACT[component.status]);
    }
    incident.impact = incident.impact_override ?? incident.calculated_impact;
  }

  private events(
    incident: IncidentState,
    transitions: ComponentTransition[],
    deliver: boolean,
    ts: string,
  ): WebhookEvent[] {
    const events = this.componentEvents(transitions, ts);
    if (deliver) events.push({ kind: "incident", payload: incidentWebhook(incident, this.info()) });
    return events;
  }

  private componentEvents(transitions: ComponentTransition[], ts: string): WebhookEvent[] {
    const page = this.info();
    return transitions.map((t) => ({
      kind: "component" as const,
      payload: componentWebhook(
        t.component,
        { id: newId(), old_status: t.old_status, new_status: t.new_status, created_at: ts },
        page,
      ),
    }));
  }
}
