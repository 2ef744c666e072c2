export {
  StatuspageEmulator,
  StatuspageUi,
  type LoggedRequest,
  type StatuspageEmulatorOptions,
  type UiIncidentInput,
  type UnexpectedRequest,
} from "./statuspage-emulator.ts";
export type { FaultRequest, FaultSpec } from "./faults.ts";
export type { WebhookDelivery, WebhookOptions } from "./webhooks.ts";
export type { Operation } from "./routes.ts";
export {
  COMPONENT_STATUSES,
  DEFAULT_COMPONENTS,
  IMPACTS,
  REALTIME_STATUSES,
  type ComponentStatus,
  type Impact,
  type IncidentMetadata,
  type IncidentStatus,
  type SeedComponent,
  type StatusIndicator,
} from "./model.ts";
export { StatuspageWebhookReceiver, type ReceivedWebhook } from "./webhook-receiver.ts";
