// The incident channel's pinned summary as a Slack message: a one-line fallback text and the Block Kit layout.
import type { IncidentSummary } from "../../ports/chat-port.ts";
import { oneLine } from "../../domain/text.ts";
import { DRILL_NOTICE, drillPrefixed } from "../../domain/drill-marks.ts";
import { clip, escapeMrkdwn, linkUrl } from "../../formats/slack/slack-format.ts";
import { actionButtons } from "../../formats/slack/slack-interaction.ts";

const STATUS_ICON: Record<string, string> = {
  triggered: ":red_circle:",
  acknowledged: ":large_yellow_circle:",
  resolved: ":large_green_circle:",
};

export function summaryText(s: IncidentSummary): string {
  return escapeMrkdwn(
    `${drillPrefixed(s.drill, s.key)} [${s.severity}] ${oneLine(s.title)} — ${s.status}${s.ownerName ? `, owner ${s.ownerName}` : ""}`,
  );
}

/** Block Kit (https://docs.slack.dev/reference/block-kit/blocks): header, the facts as fields, then links. */
export function summaryBlocks(s: IncidentSummary) {
  const link = (url: string, text: string) => `<${linkUrl(url)}|${escapeMrkdwn(text)}>`;
  const tickets = s.tickets.map(
    (t) => (t.url ? link(t.url, t.key) : escapeMrkdwn(t.key)) + (t.status ? ` (${escapeMrkdwn(t.status)})` : ""),
  );
  const links = [
    ...(s.bridge
      ? [
          `*Bridge:* ${link(s.bridge.url, "join")}${s.bridge.dialIn ? ` · dial-in ${escapeMrkdwn(s.bridge.dialIn)}` : ""}`,
        ]
      : []),
    `*Jira:* ${tickets.length ? tickets.join(", ") : "none linked"}`,
    `*Status page:* ${s.statusPageUrl ? link(s.statusPageUrl, "public incident") : s.drill ? "never posted for a drill" : "not posted"}`,
    `*Postmortem:* ${s.postmortemUrl ? link(s.postmortemUrl, "open") : "not started"}`,
  ];
  return [
    {
      type: "header" as const,
      text: { type: "plain_text" as const, text: clip(drillPrefixed(s.drill, `${s.key}: ${oneLine(s.title)}`), 150) },
    },
    ...(s.drill
      ? [{ type: "section" as const, text: { type: "mrkdwn" as const, text: `*${escapeMrkdwn(DRILL_NOTICE)}*` } }]
      : []),
    {
      type: "section" as const,
      fields: [
        { type: "mrkdwn" as const, text: `*Status*\n${STATUS_ICON[s.status] ?? ""} ${escapeMrkdwn(s.status)}` },
        { type: "mrkdwn" as const, text: `*Severity*\n${escapeMrkdwn(s.severity)}` },
        { type: "mrkdwn" as const, text: `*Owner*\n${escapeMrkdwn(s.ownerName ?? "unassigned")}` },
        { type: "mrkdwn" as const, text: `*Incident*\n${link(s.incidentUrl, s.key)}` },
      ],
    },
    { type: "section" as const, text: { type: "mrkdwn" as const, text: links.join("\n") } },
    ...(s.status === "resolved" ? [] : [actionButtons(s.incidentId, "summary", s.status)]),
    {
      type: "context" as const,
      elements: [
        {
          type: "mrkdwn" as const,
          text: "Kept up to date by Firewatch · `/incident ack`, `/incident resolve`, `/incident note <text>`",
        },
      ],
    },
  ];
}
