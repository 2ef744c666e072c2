import { describe, expect, it } from "vitest";
import type { StatusUpdateMessage } from "../../ports/notifier-port.ts";
import { smsText } from "./twilio-page-messages.ts";
import {
  statusUpdateHtml,
  statusUpdateMessageId,
  statusUpdateSubject,
  statusUpdateText,
} from "./email-status-update.ts";

const update: StatusUpdateMessage = {
  deliveryId: "d-1",
  incidentKey: "INC-7",
  incidentTitle: "Payments <down>",
  severity: "SEV1",
  status: "acknowledged",
  message: "Root cause found.\n\nFix rolling out <now>.",
  author: "Cora Crisis",
  postedAt: new Date("2026-12-07T10:00:00Z"),
  recipientName: "Erin",
  url: "https://firewatch.example.com/incidents/INC-7",
  bridge: { url: "https://meet.example.com/r?a=1&b=2", dialIn: "+1 555 0100" },
  mayHaveBeenSent: false,
};

describe("a status update by e-mail", () => {
  it("says what, who, when and where to join, and that the reader is not paged", () => {
    expect(statusUpdateSubject(update)).toBe("[SEV1] INC-7 status update: Payments <down>");
    const text = statusUpdateText(update);
    expect(text).toContain("Root cause found.\n\nFix rolling out <now>.");
    expect(text).toContain("Cora Crisis, 2026-12-07T10:00:00.000Z");
    expect(text).toContain("Join the bridge: https://meet.example.com/r?a=1&b=2 (dial-in +1 555 0100)");
    expect(text).toContain("You are not paged.");
  });

  it("escapes every value in HTML and keeps the paragraphs", () => {
    const html = statusUpdateHtml(update);
    expect(html).not.toContain("<down>");
    expect(html).toContain("Payments &lt;down&gt;");
    expect(html).toContain("<p>Root cause found.</p>\n<p>Fix rolling out &lt;now&gt;.</p>");
    expect(html).toContain('href="https://meet.example.com/r?a=1&amp;b=2"');
  });

  it("keeps one Message-ID per delivery, so a resend shows once", () => {
    expect(statusUpdateMessageId(update)).toBe("<status-update.d-1@firewatch.invalid>");
  });
});

describe("a page's text message with a bridge", () => {
  const page = {
    pageId: "p1",
    incidentId: "i1",
    incidentKey: "INC-7",
    title: "Payments down",
    severity: "SEV1",
    status: "triggered",
    url: "https://fw.example.com/incidents/INC-7",
    level: 1,
    recipientName: "Cora",
    mayHaveBeenSent: false,
    actionUrls: null,
    signInUrl: null,
  };

  it("names the bridge on a line of its own, and leaves it out when the title would not fit", () => {
    expect(smsText({ ...page, bridge: { url: "https://meet.example.com/r" } })).toContain(
      "\nBridge: https://meet.example.com/r\n",
    );
    const long = smsText({ ...page, bridge: { url: `https://meet.example.com/${"r".repeat(280)}` } });
    expect(long).not.toContain("Bridge:");
    expect(long.length).toBeLessThanOrEqual(320);
  });
});
