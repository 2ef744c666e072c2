// What the status-page actions share: their job names, dependencies and the timeline entry of a post.
import type { StatusPost, StatusPostStatus } from "../../domain/status-post.ts";
import type { TimelineEntry } from "../../domain/timeline.ts";
import type { StatusPagePort } from "../../ports/status-page-port.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export const STATUS_PUBLISH_TASK = "status_page.publish";
export const STATUS_INBOUND_TASK = "status_page.inbound";
/** The integration name in GET /api/integrations. */
export const STATUS_PAGE_INTEGRATION = "statuspage";

export interface StatusPageDeps extends UseCaseDeps {
  readonly statusPage: StatusPagePort;
}

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

/** The timeline entry of a post; re-written as the post is published or fails. */
export function statusPostEntry(
  post: StatusPost,
  author: string,
  remote: { incidentId: string | null; shortlink: string | null } | null,
): TimelineEntry {
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
}
