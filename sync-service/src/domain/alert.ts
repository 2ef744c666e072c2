import type { AlertSeverity } from "./severity.ts";

export type AlertAction = "trigger" | "acknowledge" | "resolve";

/** One event from a monitoring tool, normalised from Events v2, Alertmanager or an e-mail. */
export interface AlertEvent {
  readonly origin: "events-v2" | "alertmanager" | "jira" | "email";
  /** Unique per event; the timeline entry of the event is keyed by it. */
  readonly eventId: string;
  readonly action: AlertAction;
  readonly dedupKey: string;
  readonly summary: string;
  readonly source: string;
  readonly severity: AlertSeverity;
  readonly occurredAt: Date;
  readonly details: Record<string, unknown>;
  /** The description of an incident the event opens (an e-mail's body); empty when not given. */
  readonly description?: string;
}

export interface Alert {
  readonly id: string;
  readonly serviceId: string;
  readonly incidentId: string;
  readonly dedupKey: string;
  readonly summary: string;
  readonly source: string;
  readonly severity: AlertSeverity;
  readonly count: number;
  readonly firstAt: Date;
  readonly lastAt: Date;
  readonly resolvedAt: Date | null;
}

export type AlertDecision =
  | { readonly kind: "open-incident" }
  | { readonly kind: "deduplicate" }
  | { readonly kind: "acknowledge" }
  | { readonly kind: "resolve" }
  | { readonly kind: "drop"; readonly reason: string };

/**
 * What an event does, given the open alert with its dedup key (if any), following the PagerDuty
 * Events v2 rules: a trigger joins an open alert or opens a new incident; acknowledge and resolve act
 * on an open alert and are dropped for keys with no open alert.
 */
export function decideAlertEvent(event: AlertEvent, openAlert: Alert | null): AlertDecision {
  switch (event.action) {
    case "trigger":
      return openAlert ? { kind: "deduplicate" } : { kind: "open-incident" };
    case "acknowledge":
      return openAlert ? { kind: "acknowledge" } : { kind: "drop", reason: "no open alert has this dedup_key" };
    case "resolve":
      return openAlert ? { kind: "resolve" } : { kind: "drop", reason: "no open alert has this dedup_key" };
  }
}
