// What an internal status update says by e-mail: subject, plain text and HTML (every value escaped).
import { bridgeLine } from "../../domain/crisis.ts";
import { DRILL_NOTICE, drillPrefixed } from "../../domain/drill-marks.ts";
import { oneLine } from "../../domain/text.ts";
import type { StatusUpdateMessage } from "../../ports/notifier-port.ts";
import { escapeHtml } from "./email-messages.ts";

export function statusUpdateSubject(u: StatusUpdateMessage): string {
  return drillPrefixed(u.drill, `[${u.severity}] ${u.incidentKey} status update: ${oneLine(u.incidentTitle)}`);
}

const WHY = "You are subscribed to this incident: Firewatch tells you of every status update. You are not paged.";

export function statusUpdateText(u: StatusUpdateMessage): string {
  return [
    ...(u.drill ? [DRILL_NOTICE, ""] : []),
    `Status update on ${u.incidentKey}: ${oneLine(u.incidentTitle)}`,
    `${u.author}, ${u.postedAt.toISOString()}`,
    "",
    u.message,
    "",
    `Severity: ${u.severity}`,
    `Status: ${u.status}`,
    `Incident: ${u.url}`,
    ...(u.bridge ? [bridgeLine(u.bridge)] : []),
    "",
    WHY,
    "",
  ].join("\n");
}

export function statusUpdateHtml(u: StatusUpdateMessage): string {
  const url = escapeHtml(u.url);
  const paragraphs = u.message
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  return [
    ...(u.drill ? [`<p><strong>${escapeHtml(DRILL_NOTICE)}</strong></p>`] : []),
    `<p><strong>Status update on <a href="${url}">${escapeHtml(u.incidentKey)}</a>: ${escapeHtml(oneLine(u.incidentTitle))}</strong></p>`,
    `<p><small>${escapeHtml(u.author)}, ${escapeHtml(u.postedAt.toISOString())}</small></p>`,
    paragraphs,
    `<ul><li>Severity: ${escapeHtml(u.severity)}</li><li>Status: ${escapeHtml(u.status)}</li></ul>`,
    ...(u.bridge
      ? [
          `<p>Join the bridge: <a href="${escapeHtml(u.bridge.url)}">${escapeHtml(u.bridge.url)}</a>${u.bridge.dialIn ? ` (dial-in ${escapeHtml(u.bridge.dialIn)})` : ""}</p>`,
        ]
      : []),
    `<p><small>${escapeHtml(WHY)}</small></p>`,
  ].join("\n");
}

/** The same on every retry of a delivery, so mail clients show a resent update once. */
export function statusUpdateMessageId(u: StatusUpdateMessage): string {
  return `<status-update.${u.deliveryId}@firewatch.invalid>`;
}
