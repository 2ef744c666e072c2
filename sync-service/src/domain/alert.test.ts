import { describe, expect, it } from "vitest";
import { decideAlertEvent, type Alert, type AlertAction, type AlertEvent } from "./alert.ts";
import { severityFromAlert } from "./severity.ts";

const at = new Date("2026-01-01T00:00:00Z");
const event = (action: AlertAction): AlertEvent => ({
  origin: "events-v2",
  eventId: "e",
  action,
  dedupKey: "k",
  summary: "s",
  source: "h",
  severity: "error",
  occurredAt: at,
  details: {},
});
const open: Alert = {
  id: "a",
  serviceId: "s",
  incidentId: "i",
  dedupKey: "k",
  summary: "s",
  source: "h",
  severity: "error",
  count: 1,
  firstAt: at,
  lastAt: at,
  resolvedAt: null,
};

// PagerDuty Events v2 dedup rules (test/fixtures/pagerduty/README.md, "Deduplication").
describe("what an event does", () => {
  it.each<[AlertAction, Alert | null, string]>([
    ["trigger", null, "open-incident"],
    ["trigger", open, "deduplicate"],
    ["acknowledge", open, "acknowledge"],
    ["acknowledge", null, "drop"],
    ["resolve", open, "resolve"],
    ["resolve", null, "drop"],
  ])("%s with open alert %# → %s", (action, alert, kind) => {
    expect(decideAlertEvent(event(action), alert).kind).toBe(kind);
  });
});

describe("severity from event severity", () => {
  it.each([
    ["critical", "SEV1"],
    ["error", "SEV2"],
    ["warning", "SEV3"],
    ["info", "SEV4"],
  ] as const)("%s → %s", (from, to) => {
    expect(severityFromAlert(from)).toBe(to);
  });
});
