// The incident API as the console reads it. The shapes are the service's own (sync-service/src/web/api-types.ts),
// imported as types only, so no service code reaches the bundle; the value lists come from its domain.
export { SEVERITIES } from "../../../../../sync-service/src/domain/severity.ts";
export { INCIDENT_STATUSES as STATUSES } from "../../../../../sync-service/src/domain/incident.ts";
export { REVIEW_STATUSES } from "../../../../../sync-service/src/domain/postmortem/postmortem.ts";
export { STATUS_POST_STATUSES } from "../../../../../sync-service/src/domain/status-post.ts";
export type {
  ActionItem,
  ActionItemBody,
  Channel,
  DeclareIncidentBody,
  EditIncidentBody,
  Incident,
  IncidentDetail,
  IncidentPage,
  LinkedIssue,
  LinkIssueBody,
  NoteBody,
  Postmortem,
  ReviewStatusBody,
  Service,
  StatusPost,
  StatusPostBody,
  TimelineEntry,
  TimelineEntryChanges,
  TimelinePage,
  User,
} from "../../../../../sync-service/src/web/api-types.ts";

export const incidentPath = (key: string) => `/api/incidents/${encodeURIComponent(key)}`;
