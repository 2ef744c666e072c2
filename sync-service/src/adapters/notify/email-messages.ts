// What a page and a reminder say by e-mail: the subject, a plain-text part and an HTML part (every value escaped).
import { bridgeLine } from "../../domain/crisis.ts";
import { DRILL_NOTICE, drillPrefixed } from "../../domain/drill-marks.ts";
import { oneLine } from "../../domain/text.ts";
import type { PageMessage, ReminderMessage } from "../../ports/notifier-port.ts";

export function pageSubject(message: PageMessage): string {
  return drillPrefixed(
    message.drill,
    `[${message.severity}] ${message.incidentKey} ${message.status}: ${oneLine(message.title)}`,
  );
}

/** The page's one-time links, as labelled lines: only the actions the incident's status still allows. */
function pageLinks(message: PageMessage): { label: string; url: string }[] {
  const { actionUrls, signInUrl, status } = message;
  return [
    ...(actionUrls && status === "triggered" ? [{ label: "Acknowledge", url: actionUrls.acknowledge }] : []),
    ...(actionUrls && status !== "resolved" ? [{ label: "Resolve", url: actionUrls.resolve }] : []),
    ...(signInUrl ? [{ label: "Open in Firewatch (signs you in)", url: signInUrl }] : []),
  ];
}

/** Why the links are safe to forward to nobody: each acts once, for this person only. */
const LINKS_NOTE = "These links are yours alone and work once; each asks you to confirm before anything changes.";

export function pageText(message: PageMessage): string {
  const links = pageLinks(message);
  return [
    ...(message.drill ? [DRILL_NOTICE, ""] : []),
    `${message.recipientName}, you are paged for ${message.incidentKey}: ${oneLine(message.title)}`,
    "",
    `Incident: ${message.url}`,
    `Severity: ${message.severity}`,
    `Status: ${message.status}`,
    ...(message.bridge ? [bridgeLine(message.bridge)] : []),
    ...(message.test
      ? ["", "This is a test page: nothing to acknowledge."]
      : [
          message.level === null ? "You were added as a responder." : `Escalation level: ${message.level}`,
          "",
          ...(links.length
            ? [...links.map((l) => `${l.label}: ${l.url}`), "", LINKS_NOTE]
            : [`To acknowledge, open ${message.url} and choose Acknowledge.`]),
        ]),
    "",
  ].join("\n");
}

export function pageHtml(message: PageMessage): string {
  const url = escapeHtml(message.url);
  const links = pageLinks(message);
  return [
    ...(message.drill ? [`<p><strong>${escapeHtml(DRILL_NOTICE)}</strong></p>`] : []),
    `<p>${escapeHtml(message.recipientName)}, you are paged for <strong>${escapeHtml(message.incidentKey)}</strong>: ${escapeHtml(oneLine(message.title))}</p>`,
    `<p><a href="${url}">${url}</a></p>`,
    "<ul>",
    `<li>Severity: ${escapeHtml(message.severity)}</li>`,
    `<li>Status: ${escapeHtml(message.status)}</li>`,
    ...(message.bridge
      ? [
          `<li>Join the bridge: <a href="${escapeHtml(message.bridge.url)}">${escapeHtml(message.bridge.url)}</a>${message.bridge.dialIn ? ` (dial-in ${escapeHtml(message.bridge.dialIn)})` : ""}</li>`,
        ]
      : []),
    ...(message.test
      ? ["</ul>", "<p>This is a test page: nothing to acknowledge.</p>"]
      : [
          message.level === null
            ? "<li>You were added as a responder.</li>"
            : `<li>Escalation level: ${message.level}</li>`,
          "</ul>",
          ...(links.length
            ? [
                `<p>${links.map((l) => `<a href="${escapeHtml(l.url)}"><strong>${escapeHtml(l.label)}</strong></a>`).join(" &middot; ")}</p>`,
                `<p><small>${escapeHtml(LINKS_NOTE)}</small></p>`,
              ]
            : [`<p>To acknowledge, open <a href="${url}">the incident</a> and choose Acknowledge.</p>`]),
        ]),
  ].join("\n");
}

const overdueBy = (days: number) => `${days} day${days === 1 ? "" : "s"} overdue`;

export function reminderText(r: ReminderMessage): string {
  return [
    `${r.recipientName}, your action item ${r.issueKey}: ${oneLine(r.itemTitle)} is ${overdueBy(r.daysOverdue)} (due ${r.dueDate}).`,
    "",
    ...(r.issueUrl ? [`Issue: ${r.issueUrl}`] : []),
    `From the postmortem of ${r.incidentKey}: ${oneLine(r.incidentTitle)}`,
    `Incident: ${r.url}`,
    "",
    "Firewatch reminds the owner of an overdue action item once a day until its issue is done.",
    "",
  ].join("\n");
}

export function reminderHtml(r: ReminderMessage): string {
  const item = `${escapeHtml(r.issueKey)}: ${escapeHtml(oneLine(r.itemTitle))}`;
  const url = escapeHtml(r.url);
  return [
    `<p>${escapeHtml(r.recipientName)}, your action item <strong>${r.issueUrl ? `<a href="${escapeHtml(r.issueUrl)}">${item}</a>` : item}</strong> is ${overdueBy(r.daysOverdue)} (due ${escapeHtml(r.dueDate)}).</p>`,
    `<p>From the postmortem of <a href="${url}">${escapeHtml(r.incidentKey)}: ${escapeHtml(oneLine(r.incidentTitle))}</a>.</p>`,
    "<p>Firewatch reminds the owner of an overdue action item once a day until its issue is done.</p>",
  ].join("\n");
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
