// Prometheus Alertmanager webhook (payload version 4) → AlertEvent. Payload reference:
// https://prometheus.io/docs/alerting/latest/configuration/#webhook_config (see test/fixtures/alertmanager/README.md).
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { AlertEvent } from "../../domain/alert.ts";
import type { AlertSeverity } from "../../domain/severity.ts";

/**
 * Firewatch's bounds on a notification (Alertmanager documents none; its body is also capped at 1 MB).
 * Prometheus labels are short names with short values and a rule has a handful; annotations carry prose.
 * A larger group is sent in parts by Alertmanager itself when `max_alerts` is set on the webhook_config.
 */
export const ALERTMANAGER_LIMITS = {
  alerts: 1_000,
  labels: 128,
  name: 1_024,
  labelValue: 16_384,
  annotation: 65_536,
  url: 16_384,
} as const;
const L = ALERTMANAGER_LIMITS;
const map = (value: number) =>
  z
    .record(z.string().max(L.name), z.string().max(value))
    .refine((m) => Object.keys(m).length <= L.labels, `has more than ${L.labels} entries`);
const labels = map(L.labelValue);
const annotations = map(L.annotation);
const short = z.string().max(64);

export const alertmanagerPayload = z.object({
  version: z.literal("4", { error: 'must be "4" (Alertmanager webhook payload version 4)' }),
  groupKey: z.string().min(1).max(L.labelValue),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string().max(L.name),
  groupLabels: labels,
  commonLabels: labels,
  commonAnnotations: annotations,
  externalURL: z.string().max(L.url),
  alerts: z
    .array(
      z.object({
        status: z.enum(["firing", "resolved"]),
        labels,
        annotations,
        startsAt: short,
        endsAt: short,
        generatorURL: z.string().max(L.url).optional(),
        fingerprint: short.optional(),
      }),
    )
    .max(L.alerts, `has more than ${L.alerts} alerts; set max_alerts: ${L.alerts} (or less) on the webhook_config`),
});

export type AlertmanagerPayload = z.infer<typeof alertmanagerPayload>;

const SEVERITY: Record<string, AlertSeverity> = {
  critical: "critical",
  page: "critical",
  high: "error",
  error: "error",
  warning: "warning",
  warn: "warning",
  info: "info",
  none: "info",
};

/** Alertmanager resends a group unchanged every repeat_interval; the digest of the body (per service, see serviceDeliveryKey) makes those no-ops. */
export function deliveryKey(payload: AlertmanagerPayload): string {
  return createHash("sha256").update(JSON.stringify(payload)).digest("hex");
}

/** One event per notification: the group is one alert, keyed by its groupKey. */
export function toAlertEvent(payload: AlertmanagerPayload, now: Date): AlertEvent {
  const common = payload.commonLabels;
  const alertname = common.alertname ?? payload.groupLabels.alertname ?? "Alertmanager alert";
  const summary =
    payload.commonAnnotations.summary ??
    payload.commonAnnotations.description ??
    `${alertname} ${JSON.stringify(payload.groupLabels)}`;
  return {
    origin: "alertmanager",
    eventId: randomUUID(),
    action: payload.status === "firing" ? "trigger" : "resolve",
    // Group keys can be long; Alertmanager's own PagerDuty notifier hashes them the same way.
    dedupKey:
      payload.groupKey.length <= 255 ? payload.groupKey : createHash("sha256").update(payload.groupKey).digest("hex"),
    summary: summary.slice(0, 1024),
    source: common.instance ?? common.job ?? payload.receiver,
    severity: SEVERITY[(common.severity ?? "").toLowerCase()] ?? "error",
    occurredAt: now,
    details: {
      externalURL: payload.externalURL,
      groupLabels: payload.groupLabels,
      commonLabels: common,
      alerts: payload.alerts.map((a) => ({
        status: a.status,
        labels: a.labels,
        startsAt: a.startsAt,
        fingerprint: a.fingerprint,
      })),
      truncatedAlerts: payload.truncatedAlerts ?? 0,
    },
  };
}
