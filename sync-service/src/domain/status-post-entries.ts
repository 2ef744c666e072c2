import type { StatusPageEvent, StatusPost, StatusPostStatus } from "./status-post.ts";
import type { NewTimelineEntry } from "./timeline-entries.ts";

const LABEL: Record<StatusPostStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

/** "Investigating" for `investigating`; a status the page has and Firewatch does not know is shown as it is. */
export function statusLabel(status: string): string {
  return LABEL[status as StatusPostStatus] ?? status;
}

type IncidentUpdate = Extract<StatusPageEvent, { kind: "incident" }>["updates"][number];
type ComponentEvent = Extract<StatusPageEvent, { kind: "component" }>;

/** The timeline entries of the status page: Firewatch's posts and what people changed on the page itself. */
export const statusPageEntries = {
  /** A post, keyed by its id so it is re-written in place as it is published or fails. */
  posted(
    post: StatusPost,
    author: string,
    remote: { incidentId: string | null; shortlink: string | null } | null,
  ): NewTimelineEntry & { id: string } {
    return {
      id: post.id,
      incidentId: post.incidentId,
      type: "status.posted",
      source: "firewatch",
      sourceId: `status_post:${post.id}`,
      occurredAt: post.createdAt,
      author,
      body: `Status page — ${statusLabel(post.status)}: ${post.body}`,
      data: {
        postId: post.id,
        status: post.status,
        components: post.components,
        deliverNotifications: post.deliverNotifications,
        state: post.state,
        remoteIncidentId: remote?.incidentId ?? null,
        remoteUpdateId: post.remoteUpdateId,
        shortlink: remote?.shortlink ?? null,
        error: post.error,
      },
    };
  },

  /** An incident update someone wrote on the status page. */
  update(incidentId: string, remoteIncidentId: string, update: IncidentUpdate): NewTimelineEntry {
    return {
      incidentId,
      type: "status.update",
      source: "statuspage",
      sourceId: `update:${update.id}`,
      occurredAt: update.createdAt,
      author: "Statuspage",
      body: `Status page — ${statusLabel(update.status)}: ${update.body}`,
      data: { remoteIncidentId, updateId: update.id, status: update.status, components: update.components },
    };
  },

  /** A component someone moved on the status page. */
  componentChanged(incidentId: string, event: ComponentEvent): NewTimelineEntry {
    const status = (s: string) => s.replace(/_/g, " ");
    return {
      incidentId,
      type: "status.component_changed",
      source: "statuspage",
      sourceId: `component_update:${event.updateId}`,
      occurredAt: event.at,
      author: "Statuspage",
      body: `${event.componentName}: ${status(event.oldStatus)} → ${status(event.newStatus)}`,
      data: {
        componentId: event.componentId,
        oldStatus: event.oldStatus,
        newStatus: event.newStatus,
        updateId: event.updateId,
      },
    };
  },
};
