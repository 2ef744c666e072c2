import { InvalidInputDomainError } from "./errors.ts";
import type { ConversationDefaults } from "./conversation.ts";
import type { CrisisDefaults } from "./crisis.ts";
import type { CallRouting } from "./call-routing.ts";
import type { DrillSchedule } from "./drill-schedule.ts";
import type { Severity } from "./severity.ts";

export interface Service {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly description: string;
  /** The Events v2 `routing_key` and Alertmanager path segment that page this service: 32 hex characters. */
  readonly integrationKey: string;
  readonly defaultSeverity: Severity;
  readonly tickets: TicketDefaults;
  /** Who gets paged when this service's incidents open. */
  readonly escalationPolicyId: string | null;
  /** Chat channels for its incidents and what of them reaches the timeline. */
  readonly conversation: ConversationDefaults;
  /** What each new incident gets: the play run when it opens, the bridge, the subscribers. */
  readonly crisis: CrisisDefaults;
  /** How calls to the service's phone number are put through to who is on call; null: it takes none. */
  readonly callRouting: CallRouting | null;
  /** When its practice incidents open by themselves; null: never. */
  readonly drillSchedule: DrillSchedule | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** How a service's incidents become Jira issues, and how the origin issue acts back on the incident. */
export interface TicketDefaults {
  readonly projectKey: string | null;
  readonly issueType: string;
  /** Jira priority name for each severity. */
  readonly priorities: Readonly<Record<Severity, string>>;
  readonly originAcknowledges: boolean;
  readonly originResolves: boolean;
  /**
   * The Jira resolution to set when a transition's screen requires one (classic "Resolve Issue", JSM workflows);
   * null takes the first Done-like value the screen offers.
   */
  readonly resolution: string | null;
}

export const DEFAULT_TICKET_DEFAULTS: TicketDefaults = {
  projectKey: null,
  issueType: "Task",
  priorities: { SEV1: "Highest", SEV2: "High", SEV3: "Medium", SEV4: "Low" },
  originAcknowledges: true,
  originResolves: true,
  resolution: null,
};

export const INTEGRATION_KEY_PATTERN = /^[0-9a-f]{32}$/;

/** @throws InvalidInputDomainError when the name is blank or longer than 255 characters */
export function validServiceName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 255) {
    throw new InvalidInputDomainError("SERVICE.INVALID_NAME", "A service name has 1 to 255 characters.");
  }
  return trimmed;
}
