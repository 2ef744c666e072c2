// Shapes of the incident API as the console reads them (see sync-service/src/web/presenters.ts).

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export const STATUSES = ["triggered", "acknowledged", "resolved"] as const;

export interface Incident {
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly severity: string;
  readonly status: string;
  readonly serviceId: string | null;
  readonly ownerId: string | null;
  readonly revision: number;
  readonly createdAt: string;
  readonly acknowledgedAt: string | null;
  readonly resolvedAt: string | null;
}

export interface IncidentPage {
  readonly incidents: Incident[];
  readonly nextCursor: string | null;
}

export interface Service {
  readonly id: string;
  readonly name: string;
}

export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
}

export interface TimelineEntry {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly occurredAt: string;
  readonly author: string | null;
  readonly body: string;
  readonly keyMoment: boolean;
  readonly editable: boolean;
  readonly edits: { body: string; editedAt: string; editedBy: string }[];
  readonly data: Record<string, unknown>;
}

export interface TimelinePage {
  readonly entries: TimelineEntry[];
  readonly nextCursor: string | null;
}

export interface LinkedIssue {
  readonly id: string;
  readonly kind: string;
  readonly isOrigin: boolean;
  readonly state: string;
  readonly issueKey: string | null;
  readonly projectKey: string | null;
  readonly status: string | null;
  readonly statusCategory: string | null;
  readonly dropReason: string | null;
  readonly url: string | null;
}

export interface Channel {
  readonly channelId: string | null;
  readonly channelName: string;
  readonly state: "ready" | "opening";
  readonly mirrorMode: string;
  readonly mirrorReaction: string | null;
}

export interface StatusPost {
  readonly id: string;
  readonly status: string;
  readonly body: string;
  readonly state: string;
  readonly error?: string | null;
  readonly createdAt: string;
  readonly publishedAt: string | null;
}

export interface ActionItem {
  readonly id: string;
  readonly title: string;
  readonly state: string;
  readonly issueKey: string | null;
  readonly issueUrl: string | null;
  readonly statusName: string | null;
  readonly statusCategory: string | null;
  readonly dueDate: string | null;
  readonly required: boolean;
  readonly done: boolean;
  readonly overdue: boolean;
}

export interface Postmortem {
  readonly status: string;
  readonly pageId: string | null;
  readonly pageUrl: string | null;
  readonly renderedAt: string | null;
  readonly lastError: string | null;
  readonly actionItems: ActionItem[];
}

export const incidentPath = (key: string) => `/api/incidents/${encodeURIComponent(key)}`;
