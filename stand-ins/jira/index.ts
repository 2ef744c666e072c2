export { JiraEmulator, type AuthMode, type JiraEmulatorOptions, type NewIssueFields } from "./jira-emulator.ts";
export type { IssueSnapshot } from "./snapshot.ts";
export type { FaultRequest, FaultSpec } from "./faults.ts";
export type { DeliveryAttempt, WebhookDelivery, WebhookRegistration } from "./webhooks.ts";
export { WEBHOOK_EVENTS, signBody } from "./webhooks.ts";
export type {
  ChangeItem,
  ChangelogEntry,
  JiraUser,
  LoggedRequest,
  RemoteLinkRecord,
  UnexpectedRequest,
} from "./types.ts";
export { API_ACCOUNT_ID, HUMAN_ACCOUNT_ID } from "./seed.ts";
export { textToAdf, adfToText } from "./adf.ts";
