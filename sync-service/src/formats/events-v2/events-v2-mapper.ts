// PagerDuty Events API v2 request bodies → AlertEvent. The rules and error strings follow PagerDuty's
// docs ("Send an Alert Event", https://developer.pagerduty.com/docs/events-api-v2/trigger-events/);
// see test/fixtures/pagerduty/README.md for the quoted sources.
import { randomUUID } from "node:crypto";
import type { AlertAction, AlertEvent } from "../../domain/alert.ts";
import { ALERT_SEVERITIES, type AlertSeverity } from "../../domain/severity.ts";
import { boundsErrors } from "./events-v2-bounds.ts";
import { isStorableInstant } from "../../domain/storable-instant.ts";

const ACTIONS: readonly AlertAction[] = ["trigger", "acknowledge", "resolve"];
export const MAX_DEDUP_KEY = 255;
export const MAX_SUMMARY = 1024;

export type ParsedEvent = { ok: true; routingKey: string; event: AlertEvent } | { ok: false; errors: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const blank = (v: unknown) => typeof v !== "string" || v.trim() === "";

/** Validates an Events v2 body and maps it; every problem found is listed, as PagerDuty does. */
export function parseEventsV2(body: unknown, now: Date): ParsedEvent {
  if (!isObject(body)) return { ok: false, errors: ["Event object must be a JSON object"] };
  const errors: string[] = [];
  const routingKey = body.routing_key;
  if (blank(routingKey)) errors.push("'routing_key' is missing or blank");
  else if ((routingKey as string).length !== 32)
    errors.push("Length of 'routing_key' is incorrect (should be 32 characters)");

  const action = body.event_action as AlertAction;
  if (blank(action)) errors.push("'event_action' is missing or blank");
  else if (!ACTIONS.includes(action)) errors.push(`'event_action' is invalid (should be one of ${ACTIONS.join(", ")})`);

  const dedupKey = body.dedup_key;
  if (dedupKey !== undefined && dedupKey !== null && typeof dedupKey !== "string")
    errors.push("'dedup_key' must be a string");
  else if (typeof dedupKey === "string" && dedupKey.length > MAX_DEDUP_KEY) {
    errors.push(`Length of 'dedup_key' is incorrect (should be at most ${MAX_DEDUP_KEY} characters)`);
  }
  if ((action === "acknowledge" || action === "resolve") && blank(dedupKey))
    errors.push("'dedup_key' is missing or blank");

  const payload = isObject(body.payload) ? body.payload : null;
  let occurredAt = now;
  if (action === "trigger") {
    if (!payload) errors.push("'payload' is missing or blank");
    else {
      if (blank(payload.summary)) errors.push("'payload.summary' is missing or blank");
      else if ((payload.summary as string).length > MAX_SUMMARY) {
        errors.push(`Length of 'payload.summary' is incorrect (should be at most ${MAX_SUMMARY} characters)`);
      }
      if (blank(payload.source)) errors.push("'payload.source' is missing or blank");
      if (blank(payload.severity)) errors.push("'payload.severity' is missing or blank");
      else if (!ALERT_SEVERITIES.includes(payload.severity as AlertSeverity)) {
        errors.push(`'payload.severity' is invalid (should be one of ${ALERT_SEVERITIES.join(", ")})`);
      }
      if (payload.timestamp !== undefined) {
        const at = typeof payload.timestamp === "string" ? new Date(payload.timestamp) : new Date(NaN);
        if (Number.isNaN(at.getTime()) || !isStorableInstant(at))
          errors.push("'payload.timestamp' is invalid (should be an ISO 8601 date-time in years 0001 to 9999)");
        else occurredAt = at;
      }
      if (
        payload.custom_details !== undefined &&
        !isObject(payload.custom_details) &&
        typeof payload.custom_details !== "string"
      ) {
        errors.push("'payload.custom_details' must be an object");
      }
    }
  }
  errors.push(...boundsErrors(body, payload));
  if (errors.length) return { ok: false, errors };

  return {
    ok: true,
    routingKey: routingKey as string,
    event: {
      origin: "events-v2",
      eventId: randomUUID(),
      action,
      // PagerDuty makes up a key for a trigger without one and returns it, so later events can refer to it.
      dedupKey: blank(dedupKey) ? randomUUID().replaceAll("-", "") : (dedupKey as string),
      summary: payload ? String(payload.summary) : "",
      source: payload ? String(payload.source) : "",
      severity: (payload?.severity as AlertSeverity) ?? "info",
      occurredAt,
      details: pickDetails(body, payload),
    },
  };
}

function pickDetails(body: Record<string, unknown>, payload: Record<string, unknown> | null): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const key of ["component", "group", "class", "custom_details"] as const) {
    if (payload?.[key] !== undefined) details[key] = payload[key];
  }
  for (const key of ["client", "client_url", "links", "images"] as const) {
    if (body[key] !== undefined) details[key] = body[key];
  }
  return details;
}
