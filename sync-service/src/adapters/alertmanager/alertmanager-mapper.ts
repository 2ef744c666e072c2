// Prometheus Alertmanager webhook (payload version 4) → AlertEvent. Payload reference:
// https://prometheus.io/docs/alerting/latest/configuration/#webhook_config (see test/fixtures/alertmanager/README.md).
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { AlertEvent } from "../../domain/alert.ts";
import type { AlertSeverity } from "../../domain/severity.ts";

const labels = z.record(z.string(), z.string());

export const alertmanagerPayload = z.object({
  version: z.literal("4", { error: 'must be "4" (Alertmanager webhook payload version 4)' }),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string(),
  groupLabels: labels,
  commonLabels: labels,
  commonAnnotations: labels,
  externalURL: z.string(),
  alerts: z.array(
    z.object({
      status: z.enum(["firing", "resolved"]),
      labels,
      annotations: labels,
      startsAt: z.string(),
      endsAt: z.string(),
      generatorURL: z.string().optional(),
      fingerprint: z.string().optional(),
    }),
  ),
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
  const summary = payload.commonAnnotations.summary ?? payload.commonAnnotations.description ?? `${alertname} ${JSON.stringify(payload.groupLabels)}`;
  return {
    origin: "alertmanager",
    eventId: randomUUID(),
    action: payload.status === "firing" ? "trigger" : "resolve",
    // Group keys can be long; Alertmanager's own PagerDuty notifier hashes them the same way.
    dedupKey: payload.groupKey.length <= 255 ? payload.groupKey : createHash("sha256").update(payload.groupKey).digest("hex"),
    summary: summary.slice(0, 1024),
    source: common.instance ?? common.job ?? payload.receiver,
    severity: SEVERITY[(common.severity ?? "").toLowerCase()] ?? "error",
    occurredAt: now,
    details: {
      externalURL: payload.externalURL,
      groupLabels: payload.groupLabels,
      commonLabels: common,
      alerts: payload.alerts.map((a) => ({ status: a.status, labels: a.labels, startsAt: a.startsAt, fingerprint: a.fingerprint })),
      truncatedAlerts: payload.truncatedAlerts ?? 0,
    },
  };
}
