// What a page and a reminder say in a Slack DM: the `text` fallback (notifications, screen readers) and Block Kit.
import { DRILL_NOTICE, drillPrefixed } from "../../domain/drill-marks.ts";
import { oneLine } from "../../domain/text.ts";
import { clip, escapeMrkdwn, linkUrl } from "../../formats/slack/slack-format.ts";
import { actionButtons } from "../../formats/slack/slack-interaction.ts";
import type { PageMessage, ReminderMessage } from "../../ports/notifier-port.ts";

export function pageText(m: PageMessage): string {
  return escapeMrkdwn(
    `${drillPrefixed(m.drill, `[${m.severity}]`)} ${m.incidentKey}: ${oneLine(m.title)} (${m.status}, ${m.level === null ? "added as responder" : `level ${m.level}`}) ${m.url}`,
  );
}

/** Block Kit layout: https://docs.slack.dev/reference/block-kit/blocks (section text ≤ 3000, field ≤ 2000 chars). */
export function pageBlocks(m: PageMessage) {
  const link = `<${linkUrl(m.url)}|${escapeMrkdwn(`${m.incidentKey}: ${clip(oneLine(m.title), 500)}`)}>`;
  return [
    {
      type: "section" as const,
      text: {
        type: "mrkdwn" as const,
        text: `${m.drill ? `*${escapeMrkdwn(DRILL_NOTICE)}*\n` : ""}${escapeMrkdwn(m.recipientName)}, you are paged for *${link}*`,
      },
    },
    {
      type: "section" as const,
      fields: [
        { type: "mrkdwn" as const, text: `*Severity*\n${escapeMrkdwn(m.severity)}` },
        { type: "mrkdwn" as const, text: `*Status*\n${escapeMrkdwn(m.status)}` },
      ],
    },
    ...(m.bridge
      ? [
          {
            type: "section" as const,
            text: {
              type: "mrkdwn" as const,
              text: `*Bridge* <${linkUrl(m.bridge.url)}|Join the bridge>${m.bridge.dialIn ? ` · dial-in ${escapeMrkdwn(m.bridge.dialIn)}` : ""}`,
            },
          },
        ]
      : []),
    {
      type: "context" as const,
      elements: [
        {
          type: "mrkdwn" as const,
          text: `${m.level === null ? "You were added as a responder" : `Level ${m.level} of the escalation policy`} · acknowledge here, or open the incident`,
        },
      ],
    },
    // The sign-in link is personal: it goes on the DM's buttons only, never on the channel's summary. A test page
    // has nothing to answer.
    ...(m.test || (m.status === "resolved" && !m.signInUrl)
      ? []
      : [actionButtons(m.incidentId, "page", m.status, m.signInUrl ?? undefined)]),
  ];
}

const overdueBy = (days: number) => `${days} day${days === 1 ? "" : "s"} overdue`;

export function reminderText(r: ReminderMessage): string {
  return escapeMrkdwn(
    `Overdue action item ${r.issueKey}: ${oneLine(r.itemTitle)} (due ${r.dueDate}, ${overdueBy(r.daysOverdue)}) from ${r.incidentKey} ${r.issueUrl ?? r.url}`,
  );
}

export function reminderBlocks(r: ReminderMessage) {
  const item = escapeMrkdwn(`${r.issueKey}: ${clip(oneLine(r.itemTitle), 500)}`);
  const incident = `<${linkUrl(r.url)}|${escapeMrkdwn(`${r.incidentKey}: ${clip(oneLine(r.incidentTitle), 500)}`)}>`;
  return [
    {
      type: "section" as const,
      text: {
        type: "mrkdwn" as const,
        text: `${escapeMrkdwn(r.recipientName)}, your action item *${r.issueUrl ? `<${linkUrl(r.issueUrl)}|${item}>` : item}* is ${overdueBy(r.daysOverdue)}`,
      },
    },
    {
      type: "section" as const,
      fields: [
        { type: "mrkdwn" as const, text: `*Due*\n${escapeMrkdwn(r.dueDate)}` },
        { type: "mrkdwn" as const, text: `*From the postmortem of*\n${incident}` },
      ],
    },
    {
      type: "context" as const,
      elements: [
        {
          type: "mrkdwn" as const,
          text: "Firewatch reminds the owner of an overdue action item once a day until its issue is done",
        },
      ],
    },
  ];
}
