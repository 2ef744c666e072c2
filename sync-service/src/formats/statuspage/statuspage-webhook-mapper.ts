// Statuspage webhook notifications (https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/):
// one body shape for incident changes ({ meta, page, incident }) and one for component changes
// ({ meta, page, component_update, component }).
import { z } from "zod";
import type { StatusPageEvent } from "../../domain/status-post.ts";
import { incidentSchema } from "./statuspage-incident.ts";

const componentPayload = z.looseObject({
  component_update: z.looseObject({
    id: z.string(),
    component_id: z.string(),
    old_status: z.string(),
    new_status: z.string(),
    created_at: z.string(),
  }),
  component: z.looseObject({ id: z.string(), name: z.string() }),
});

const incidentPayload = z.looseObject({ incident: incidentSchema });

/** @returns null for a body that is neither an incident nor a component notification */
export function toStatusPageEvent(body: unknown): StatusPageEvent | null {
  const component = componentPayload.safeParse(body);
  if (component.success) {
    const u = component.data.component_update;
    return {
      kind: "component",
      updateId: u.id,
      componentId: u.component_id,
      componentName: component.data.component.name,
      oldStatus: u.old_status,
      newStatus: u.new_status,
      at: new Date(u.created_at),
    };
  }
  const incident = incidentPayload.safeParse(body);
  if (!incident.success) return null;
  const i = incident.data.incident;
  return {
    kind: "incident",
    remoteId: i.id,
    status: i.status,
    updates: i.incident_updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      createdAt: new Date(u.created_at),
      components: (u.affected_components ?? []).map((c) => ({
        componentId: c.code,
        name: c.name,
        oldStatus: c.old_status ?? null,
        newStatus: c.new_status,
      })),
    })),
  };
}
