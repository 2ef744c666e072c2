// An internal status update as a Slack DM to a subscriber: Block Kit (https://docs.slack.dev/reference/block-kit/blocks;
// section text ≤ 3,000 characters) plus the `text` fallback notifications and screen readers show.
import type { KnownBlock } from "@slack/web-api";
import { DRILL_NOTICE, drillPrefixed } from "../../domain/drill-marks.ts";
import { oneLine } from "../../domain/text.ts";
import type { StatusUpdateMessage } from "../../ports/notifier-port.ts";
import { clip, escapeMrkdwn, linkUrl } from "../../formats/slack/slack-format.ts";

export function statusUpdateText(u: StatusUpdateMessage): string {
  return escapeMrkdwn(
    drillPrefixed(
      u.drill,
      `Status update on ${u.incidentKey}: ${oneLine(u.incidentTitle)}: ${clip(oneLine(u.message), 300)}`,
    ),
  );
}

export function statusUpdateBlocks(u: StatusUpdateMessage): KnownBlock[] {
  const link = `<${linkUrl(u.url)}|${escapeMrkdwn(`${u.incidentKey}: ${clip(oneLine(u.incidentTitle), 300)}`)}>`;
  const bridge = u.bridge
    ? `<${linkUrl(u.bridge.url)}|Join the bridge>${u.bridge.dialIn ? ` · dial-in ${escapeMrkdwn(u.bridge.dialIn)}` : ""}`
    : null;
  return [
    ...(u.drill
      ? [{ type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(DRILL_NOTICE)}*` } } as const]
      : []),
    { type: "section", text: { type: "mrkdwn", text: `*Status update on ${link}*` } },
    { type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(clip(u.message, 2900)) } },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: escapeMrkdwn(`${u.author} · ${u.severity} · ${u.status} · you are subscribed, not paged`),
        },
      ],
    },
    ...(bridge ? [{ type: "section" as const, text: { type: "mrkdwn" as const, text: bridge } }] : []),
  ];
}
