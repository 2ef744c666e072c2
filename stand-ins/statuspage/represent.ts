// The JSON Statuspage answers and sends.
// API objects follow the v1 reference's schemas, field for field (https://developer.statuspage.io/ — Incident,
// IncidentUpdate, Component; test/fixtures/statuspage/incident.json). Webhook bodies follow the examples on
// https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/ (test/fixtures/statuspage/
// incident-webhook.json, component-webhook.json), which are narrower than the API objects: the incident carries
// organization_id instead of page_id, and neither components nor metadata nor the updates' affected_components.
import type { ComponentState, IncidentState, StatusIndicator, UpdateState } from "./model.ts";

export interface PageInfo {
  id: string;
  subdomain: string;
  /** The webhook subscriber's code (in meta.unsubscribe). */
  subscriberCode: string;
  indicator: StatusIndicator;
}

export function componentJson(c: ComponentState, pageId: string): Record<string, unknown> {
  return {
    id: c.id,
    page_id: pageId,
    group_id: c.group_id,
    created_at: c.created_at,
    updated_at: c.updated_at,
    group: false,
    name: c.name,
    description: c.description,
    position: c.position,
    status: c.status,
    showcase: c.showcase,
    only_show_if_degraded: c.only_show_if_degraded,
    // The per-component address Statuspage shows under "Component automation" (format not in the reference).
    automation_email: `component+${c.id}@notifications.statuspage.io`,
    start_date: c.start_date,
  };
}

export function updateJson(u: UpdateState): Record<string, unknown> {
  return {
    id: u.id,
    incident_id: u.incident_id,
    affected_components: u.affected_components ? u.affected_components.map((a) => ({ ...a })) : null,
    body: u.body,
    created_at: u.created_at,
    custom_tweet: null,
    deliver_notifications: u.deliver_notifications,
    display_at: u.display_at,
    status: u.status,
    tweet_id: null,
    twitter_updated_at: null,
    updated_at: u.updated_at,
    wants_twitter_update: false,
  };
}

/** The Incident object of the API (GET/POST/PATCH answers). */
export function incidentJson(
  inc: IncidentState,
  components: ReadonlyMap<string, ComponentState>,
  pageId: string,
): Record<string, unknown> {
  return {
    id: inc.id,
    components: inc.componentIds
      .map((id) => components.get(id))
      .filter((c): c is ComponentState => c !== undefined)
      .map((c) => componentJson(c, pageId)),
    created_at: inc.created_at,
    impact: inc.impact,
    impact_override: inc.impact_override,
    incident_updates: [...inc.updates].reverse().map(updateJson),
    metadata: structuredClone(inc.metadata),
    monitoring_at: inc.monitoring_at,
    name: inc.name,
    page_id: pageId,
    postmortem_body: null,
    postmortem_body_last_updated_at: null,
    postmortem_ignored: false,
    postmortem_notified_subscribers: false,
    postmortem_notified_twitter: false,
    postmortem_published_at: null,
    resolved_at: inc.resolved_at,
    scheduled_auto_completed: false,
    scheduled_auto_in_progress: false,
    scheduled_for: null,
    auto_transition_deliver_notifications_at_end: false,
    auto_transition_deliver_notifications_at_start: false,
    auto_transition_to_maintenance_state: false,
    auto_transition_to_operational_state: false,
    scheduled_remind_prior: false,
    scheduled_reminded_at: null,
    scheduled_until: null,
    shortlink: inc.shortlink,
    status: inc.status,
    updated_at: inc.updated_at,
  };
}

// Page indicator wording: "critical"/"Major System Outage" and "major"/"Partial System Outage" are in the webhook
// examples; "maintenance"/"Service Under Maintenance" is in a captured delivery (zulip's statuspage fixtures);
// "none"/"All Systems Operational" and "minor"/"Minor Service Outage" are Statuspage's usual page banners.
const INDICATOR_DESCRIPTIONS: Record<StatusIndicator, string> = {
  none: "All Systems Operational",
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major System Outage",
  maintenance: "Service Under Maintenance",
};

function meta(page: PageInfo): Record<string, unknown> {
  return {
    unsubscribe: `https://${page.subdomain}.statuspage.io/?unsubscribe=${page.subscriberCode}`,
    documentation: "http://doers.statuspage.io/customer-notifications/webhooks/",
  };
}

function pageJson(page: PageInfo): Record<string, unknown> {
  return { id: page.id, status_indicator: page.indicator, status_description: INDICATOR_DESCRIPTIONS[page.indicator] };
}

/** The body POSTed to webhook subscribers when an incident is created or updated. */
export function incidentWebhook(inc: IncidentState, page: PageInfo): Record<string, unknown> {
  return {
    meta: meta(page),
    page: pageJson(page),
    incident: {
      backfilled: false,
      created_at: inc.created_at,
      impact: inc.impact,
      impact_override: inc.impact_override,
      monitoring_at: inc.monitoring_at,
      postmortem_body: null,
      postmortem_body_last_updated_at: null,
      postmortem_ignored: false,
      postmortem_notified_subscribers: false,
      postmortem_notified_twitter: false,
      postmortem_published_at: null,
      resolved_at: inc.resolved_at,
      scheduled_auto_transition: false,
      scheduled_for: null,
      scheduled_remind_prior: false,
      scheduled_reminded_at: null,
      scheduled_until: null,
      shortlink: inc.shortlink,
      status: inc.status,
      updated_at: inc.updated_at,
      id: inc.id,
      organization_id: page.id,
      incident_updates: [...inc.updates].reverse().map((u) => ({
        body: u.body,
        created_at: u.created_at,
        display_at: u.display_at,
        status: u.status,
        twitter_updated_at: null,
        updated_at: u.updated_at,
        wants_twitter_update: false,
        id: u.id,
        incident_id: u.incident_id,
      })),
      name: inc.name,
    },
  };
}

/** The body POSTed to webhook subscribers when a component changes status. */
export function componentWebhook(
  c: ComponentState,
  update: { id: string; old_status: string; new_status: string; created_at: string },
  page: PageInfo,
): Record<string, unknown> {
  return {
    meta: meta(page),
    page: pageJson(page),
    component_update: {
      created_at: update.created_at,
      new_status: update.new_status,
      old_status: update.old_status,
      id: update.id,
      component_id: c.id,
    },
    component: { created_at: c.created_at, id: c.id, name: c.name, status: c.status },
  };
}
