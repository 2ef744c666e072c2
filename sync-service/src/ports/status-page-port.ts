// The status-page capability: one public incident per Firewatch incident, updated post by post.
// Adapters throw IntegrationError (integration-errors.ts): rejected when the status page refused the request for
// good (bad component id, unknown incident), access for the API key (401/403), transient for its rate limit.
import { IntegrationError } from "./integration-errors.ts";
import type { ComponentChange, StatusPageEvent, StatusPostStatus } from "../domain/status-post.ts";

export type { StatusPageEvent };

export interface RemoteStatusUpdate {
  readonly id: string;
  readonly status: string;
  readonly body: string;
  readonly createdAt: Date;
}

export interface RemoteStatusIncident {
  readonly id: string;
  readonly shortlink: string | null;
  readonly status: string;
  /** Newest first, as the status page lists them. */
  readonly updates: readonly RemoteStatusUpdate[];
}

export interface StatusUpdateRequest {
  readonly status: StatusPostStatus;
  /** A new public name for the incident; absent keeps it. */
  readonly name?: string;
  readonly body: string;
  readonly components: readonly ComponentChange[];
  readonly deliverNotifications: boolean;
}

export interface StatusPagePort {
  readonly configured: boolean;
  /** The unresolved or recent status-page incident created for this Firewatch incident, found by its metadata. */
  findByIncident(incidentId: string): Promise<RemoteStatusIncident | null>;
  get(remoteId: string): Promise<RemoteStatusIncident>;
  create(name: string, incidentId: string, update: StatusUpdateRequest): Promise<RemoteStatusIncident>;
  update(remoteId: string, update: StatusUpdateRequest): Promise<RemoteStatusIncident>;
}

export const unconfiguredStatusPage: StatusPagePort = {
  configured: false,
  findByIncident: notConfigured,
  get: notConfigured,
  create: notConfigured,
  update: notConfigured,
};

// Rejected rather than not_configured: the status page is the deployment's, so a post does not wait for one;
// it fails at once and says why.
async function notConfigured(): Promise<never> {
  throw new IntegrationError(
    "statuspage",
    "rejected",
    "The status page is not configured: set STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID",
  );
}
