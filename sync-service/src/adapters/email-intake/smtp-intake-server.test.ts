// The listener's SMTP replies for what the handler decides, over real SMTP (nodemailer as the client).
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger.ts";
import {
  MAX_RECIPIENTS,
  SmtpRefusal,
  startSmtpIntake,
  type ReceivedMessage,
  type RunningSmtpIntake,
} from "./smtp-intake-server.ts";

const KEY = "0123456789abcdef0123456789abcdef";

describe("the SMTP intake listener", () => {
  let smtp: RunningSmtpIntake;
  const received: ReceivedMessage[] = [];

  beforeAll(async () => {
    smtp = await startSmtpIntake(
      {
        async checkRecipient(localPart) {
          if (localPart === "lookup-fails") throw new Error("database unreachable");
          return localPart.toLowerCase().startsWith(KEY.slice(0, 4)) ? null : "unknown";
        },
        async receive(message) {
          const text = message.raw.toString();
          if (text.includes("database down")) throw new Error("connection terminated");
          if (text.includes("unreadable")) throw new SmtpRefusal(554, "cannot read it");
          received.push(message);
        },
      },
      { port: 0, host: "127.0.0.1", maxBytes: 4096, serverName: "alerts.example.com", log: createLogger("silent") },
    );
  });
  afterAll(() => smtp?.stop());

  const send = (message: Mail.Options) =>
    nodemailer
      .createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true })
      .sendMail({ from: "ops@example.com", to: `${KEY}@alerts.example.com`, subject: "s", text: "t", ...message });
  const reply = (message: Mail.Options) =>
    send(message).then(
      (info) => info.response,
      (error: { response?: string }) => error.response,
    );

  it("answers 250 once the handler has taken the message, and hands it the key and the envelope", async () => {
    expect(await reply({ to: `${KEY.toUpperCase()}@Anything.Example` })).toMatch(/^250 2\.6\.0 /);
    expect(received.at(-1)).toMatchObject({ recipients: [KEY.toUpperCase()], envelopeFrom: "ops@example.com" });
  });

  it("answers 451 (try again) when the handler fails, and 451 when it cannot check a recipient", async () => {
    expect(await reply({ text: "database down" })).toMatch(/^451 4\.3\.0 /);
    expect(await reply({ to: "lookup-fails@alerts.example.com" })).toMatch(/^451 /);
  });

  it("answers the handler's own refusal", async () => {
    expect(await reply({ text: "unreadable" })).toMatch(/^554 5\.6\.0 cannot read it/);
  });

  it("refuses more than MAX_RECIPIENTS recipients with 452", async () => {
    const to = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `${KEY}@host-${i}.example.com`);
    const info = await send({ to });
    expect(info.rejected).toHaveLength(1);
    expect(info.rejectedErrors?.[0]?.response).toMatch(/^452 4\.5\.3 /);
  });
});
