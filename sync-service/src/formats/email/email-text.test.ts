import { describe, expect, it } from "vitest";
import { replyText, subjectParts } from "./email-text.ts";

describe("what a subject says", () => {
  it.each([
    ["Disk full on db-1", { isReply: false, title: "Disk full on db-1", severity: null, incidentNumber: null }],
    ["[SEV1] Checkout down", { isReply: false, title: "Checkout down", severity: "SEV1", incidentNumber: null }],
    ["checkout [sev 2]  slow", { isReply: false, title: "checkout slow", severity: "SEV2", incidentNumber: null }],
    ["[Sev4][SEV1] two tags", { isReply: false, title: "[SEV1] two tags", severity: "SEV4", incidentNumber: null }],
    ["[SEV5] not a severity", { isReply: false, title: "[SEV5] not a severity", severity: null, incidentNumber: null }],
    [
      "Re: [SEV1] INC-42 triggered: Checkout down",
      { isReply: true, title: "Re: INC-42 triggered: Checkout down", severity: "SEV1", incidentNumber: 42 },
    ],
    ["AW: RE: inc-7 update", { isReply: true, title: "AW: RE: inc-7 update", severity: null, incidentNumber: 7 }],
    ["Fwd: INC-7", { isReply: false, title: "Fwd: INC-7", severity: null, incidentNumber: 7 }],
    [
      "Reply needed: INC-0 and XINC-3",
      { isReply: false, title: "Reply needed: INC-0 and XINC-3", severity: null, incidentNumber: null },
    ],
    ["  multi\n\tline  ", { isReply: false, title: "multi line", severity: null, incidentNumber: null }],
  ])("%j", (subject, parts) => {
    expect(subjectParts(subject)).toEqual(parts);
  });
});

describe("a reply's own text", () => {
  it.each([
    ["Gmail", "Restarted the pods.\n\nOn Mon, 2 Mar 2026 at 10:00, Ops <ops@example.com> wrote:\n> Disk full\n"],
    [
      "Gmail, attribution wrapped",
      "Restarted the pods.\nOn Mon, 2 Mar 2026 at 10:00, A Very Long Name\n<ops@example.com> wrote:\n> Disk full",
    ],
    ["German", "Restarted the pods.\n\nAm 02.03.2026 um 10:00 schrieb Ops <ops@example.com>:\n> Disk full"],
    ["Outlook", "Restarted the pods.\r\n\r\n-----Original Message-----\r\nFrom: Ops\r\nSent: Monday\r\nDisk full"],
    [
      "Outlook header block",
      "Restarted the pods.\n\nFrom: Ops <ops@example.com>\nSent: Monday, March 2, 2026 10:00\nTo: x\n",
    ],
    ["Outlook rule", "Restarted the pods.\n________________________________\nFrom: Ops\n"],
    ["signature", "Restarted the pods.\n-- \nJane, SRE\n"],
    ["inline quotes", "> Disk full?\nRestarted the pods.\n> anything else?"],
  ])("%s", (_client, text) => {
    expect(replyText(text)).toBe("Restarted the pods.");
  });

  it("keeps a message without quotation whole, and a 'From:' line that starts no header block", () => {
    expect(replyText("Line one\nFrom: the dashboard, p99 is 3 s\nLine three")).toBe(
      "Line one\nFrom: the dashboard, p99 is 3 s\nLine three",
    );
  });

  it("is empty for a message that is nothing but quotation", () => {
    expect(replyText("> Disk full\n> on db-1")).toBe("");
  });
});
