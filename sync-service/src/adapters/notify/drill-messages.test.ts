// Everything a drill sends says DRILL (docs/drills.md), and nothing a real incident sends does: pages by e-mail, SMS,
// voice and Slack DM, internal status updates, the incident channel's name, pinned summary and announcements.
import { describe, expect, it } from "vitest";
import { channelName } from "../../domain/conversation.ts";
import { DRILL_NOTICE } from "../../domain/drill-marks.ts";
import type { PageMessage, StatusUpdateMessage } from "../../ports/notifier-port.ts";
import type { IncidentSummary } from "../../ports/chat-port.ts";
import { pageBlocks, pageText as slackPageText } from "../slack/slack-page-message.ts";
import { statusUpdateBlocks, statusUpdateText as slackUpdateText } from "../slack/slack-status-update.ts";
import { summaryBlocks, summaryText } from "../slack/slack-summary-message.ts";
import { pageHtml, pageSubject, pageText } from "./email-messages.ts";
import { statusUpdateHtml, statusUpdateSubject, statusUpdateText } from "./email-status-update.ts";
import { smsText, voiceTwiml } from "./twilio-page-messages.ts";

const page: PageMessage = {
  pageId: "page_7",
  incidentId: "inc_42",
  incidentKey: "INC-42",
  title: "Checkout failover",
  severity: "SEV2",
  status: "triggered",
  url: "https://firewatch.example.com/incidents/INC-42",
  level: 1,
  recipientName: "Ana Lima",
  mayHaveBeenSent: false,
  actionUrls: null,
  signInUrl: null,
};
const update: StatusUpdateMessage = {
  deliveryId: "d1",
  incidentKey: "INC-42",
  incidentTitle: "Checkout failover",
  severity: "SEV2",
  status: "acknowledged",
  message: "Failover started.",
  author: "Cora",
  postedAt: new Date("2027-03-29T08:05:00Z"),
  recipientName: "Erin",
  url: "https://firewatch.example.com/incidents/INC-42",
  bridge: null,
  mayHaveBeenSent: false,
};
const summary: IncidentSummary = {
  incidentId: "inc_42",
  key: "INC-42",
  title: "Checkout failover",
  status: "triggered",
  severity: "SEV2",
  ownerName: null,
  incidentUrl: "https://firewatch.example.com/incidents/INC-42",
  tickets: [],
  statusPageUrl: null,
  bridge: null,
  postmortemUrl: null,
};

describe.each([
  { drill: true, says: "says DRILL first" },
  { drill: false, says: "never says DRILL" },
])("a page of an incident with drill $drill $says", ({ drill }) => {
  const mark = (text: string, expected: RegExp | string) =>
    drill ? expect(text).toMatch(expected) : expect(text).not.toContain("DRILL");

  it("by e-mail: the subject, the first line of the text and of the HTML", () => {
    mark(pageSubject({ ...page, drill }), /^\[DRILL\] \[SEV2\] INC-42 triggered/);
    mark(pageText({ ...page, drill }), new RegExp(`^${DRILL_NOTICE}\n`));
    mark(pageHtml({ ...page, drill }), /^<p><strong>DRILL: this is a practice incident/);
  });

  it("by SMS and by voice, where the call says it is a drill before anything else", () => {
    mark(smsText({ ...page, drill }), /^DRILL: \[SEV2\] INC-42 triggered: Checkout failover/);
    const twiml = voiceTwiml({ ...page, drill }, "https://firewatch.example.com/webhooks/twilio/gather");
    if (drill) expect(twiml).toMatch(/<Say[^>]*>This is a drill\. Firewatch page\./);
    else expect(twiml).not.toMatch(/drill\./);
  });

  it("by Slack DM: the fallback text and the first block", () => {
    mark(slackPageText({ ...page, drill }), /^\[DRILL\] \[SEV2\] INC-42/);
    mark((pageBlocks({ ...page, drill })[0] as any).text.text, /^\*DRILL: this is a practice incident/);
  });

  it("its internal status updates, by e-mail and Slack", () => {
    mark(statusUpdateSubject({ ...update, drill }), /^\[DRILL\] \[SEV2\] INC-42 status update/);
    mark(statusUpdateText({ ...update, drill }), new RegExp(`^${DRILL_NOTICE}\n`));
    mark(statusUpdateHtml({ ...update, drill }), /^<p><strong>DRILL:/);
    mark(slackUpdateText({ ...update, drill }), /^\[DRILL\] Status update on INC-42/);
    mark(JSON.stringify(statusUpdateBlocks({ ...update, drill })[0]), /DRILL: this is a practice incident/);
  });

  it("its Slack channel: the name and the pinned summary", () => {
    mark(channelName(42, "Checkout failover", drill).toUpperCase(), /^DRILL-INC-42-CHECKOUT-FAILOVER$/);
    mark(summaryText({ ...summary, drill }), /^\[DRILL\] INC-42 \[SEV2\]/);
    const blocks = summaryBlocks({ ...summary, drill });
    mark((blocks[0] as any).text.text, /^\[DRILL\] INC-42: Checkout failover/);
    mark(JSON.stringify(blocks), /never posted for a drill/);
  });
});
