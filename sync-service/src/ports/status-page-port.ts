// The status-page capability: one public incident per Firewatch incident, updated post by post.
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

/** The status page refused the request for good (bad component id, unknown incident, bad credentials). */
export class StatusPageRejectedError extends Error {
  override name = "StatusPageRejectedError";
}

/** The status page refused our API key (401/403): nothing works until an admin fixes it. */
export class StatusPageAccessError extends Error {
  override name = "StatusPageAccessError";
}

export const unconfiguredStatusPage: StatusPagePort = {
  configured: false,
  findByIncident: notConfigured,
  get: notConfigured,
  create: notConfigured,
  update: notConfigured,
};

async function notConfigured(): Promise<never> {
  throw new StatusPageRejectedError("The status page is not configured: set STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID");
}
