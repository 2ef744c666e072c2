import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { emailAlertEvent, MAX_EMAIL_TEXT } from "../../domain/inbound-email.ts";
import { messageKeyOf, readEmail, toInboundEmail } from "./email-mapper.ts";

const receivedAt = new Date("2026-03-02T10:00:00Z");
const context = { envelopeFrom: "bounce@monitor.example.com", receivedAt };
const message = (headers: string[], body: string) => Buffer.from([...headers, "", body].join("\r\n"));

describe("an e-mail as intake reads it", () => {
  it("takes title, severity, body and sender from a monitoring alert", async () => {
    const raw = message(
      [
        'From: "Nagios" <nagios@monitor.example.com>',
        "To: 0123456789abcdef0123456789abcdef@firewatch.example.com",
        "Subject: [SEV2] PROBLEM: db-1 disk 95%",
        "Message-ID: <alert-1@monitor.example.com>",
        "Content-Type: text/plain; charset=utf-8",
      ],
      "Host: db-1\r\nState: CRITICAL\r\n",
    );
    const email = await readEmail(raw, context);
    expect(email).toEqual({
      messageKey: "alert-1@monitor.example.com",
      messageId: "alert-1@monitor.example.com",
      title: "PROBLEM: db-1 disk 95%",
      severity: "SEV2",
      text: "Host: db-1\nState: CRITICAL",
      replyText: "Host: db-1\nState: CRITICAL",
      sender: "Nagios",
      senderAddress: "nagios@monitor.example.com",
      isReply: false,
      incidentNumber: null,
      answers: [],
      receivedAt,
    });
    expect(emailAlertEvent(email, "SEV4")).toMatchObject({
      origin: "email",
      action: "trigger",
      dedupKey: "alert-1@monitor.example.com",
      summary: "PROBLEM: db-1 disk 95%",
      source: "Nagios",
      severity: "error",
      description: "Host: db-1\nState: CRITICAL",
    });
  });

  it("converts an HTML-only body to text and decodes an encoded subject", async () => {
    const raw = message(
      [
        "From: ops@example.com",
        "Subject: =?UTF-8?B?w5xiZXJsYXN0IGF1ZiBBUEk=?=",
        "Message-ID: <h@example.com>",
        "Content-Type: text/html; charset=utf-8",
      ],
      "<p>Latency <b>high</b></p><script>alert(1)</script>",
    );
    const email = await readEmail(raw, context);
    expect(email.title).toBe("Überlast auf API");
    expect(email.text).toContain("Latency high");
    expect(email.text).not.toContain("<b>");
    expect(email.sender).toBe("ops@example.com");
  });

  it("reads a reply: its answers (In-Reply-To first), the incident key and the text without quotation", async () => {
    const raw = message(
      [
        "From: Jane Doe <jane@example.com>",
        "Subject: Re: [SEV1] INC-42 triggered: Checkout down",
        "Message-ID: <reply-2@mail.example.com>",
        "In-Reply-To: <reply-1@mail.example.com>",
        "References: <alert-1@monitor.example.com> <reply-1@mail.example.com>",
      ],
      "Rolled back the deploy.\r\n\r\nOn Mon, Mar 2, 2026, Ops <ops@example.com> wrote:\r\n> Checkout down\r\n",
    );
    const email = await readEmail(raw, context);
    expect(email).toMatchObject({
      isReply: true,
      incidentNumber: 42,
      answers: ["reply-1@mail.example.com", "alert-1@monitor.example.com"],
      replyText: "Rolled back the deploy.",
      sender: "Jane Doe",
    });
  });

  it("keys a message without Message-ID by the digest of its bytes, and a blank subject by its sender", async () => {
    const raw = message(["From: <cron@example.com>", "Subject:   "], "backup failed");
    const email = await readEmail(raw, context);
    expect(email.messageKey).toBe(`sha256:${createHash("sha256").update(raw).digest("hex")}`);
    expect(email.messageId).toBeNull();
    expect(email.title).toBe("E-mail from cron@example.com");
  });

  it("falls back to the envelope sender, bounds the text and the title, and drops NUL characters", () => {
    const email = toInboundEmail(
      { subject: `${"x".repeat(2000)}\u0000`, text: `a\u0000b${"y".repeat(MAX_EMAIL_TEXT)}` },
      { ...context, raw: Buffer.from("raw") },
    );
    expect(email.sender).toBe("bounce@monitor.example.com");
    expect(email.text.length).toBe(MAX_EMAIL_TEXT);
    expect(email.text.startsWith("ab")).toBe(true);
    expect(email.title.length).toBeLessThanOrEqual(512);
    expect(email.title).not.toContain("\u0000");
  });

  it("keys a very long Message-ID, and the replies naming it, by its digest", () => {
    const long = `${"m".repeat(300)}@example.com`;
    const key = messageKeyOf(long);
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    const reply = toInboundEmail({ inReplyTo: `<${long}>` }, { ...context, raw: Buffer.from("r") });
    expect(reply.answers).toEqual([key]);
    expect(reply.isReply).toBe(true);
  });

  it("does not read an incident key from a subject that is no reply", () => {
    const email = toInboundEmail({ subject: "INC-42 again?" }, { ...context, raw: Buffer.from("n") });
    expect(email.incidentNumber).toBeNull();
  });
});
