// The SMTP stand-in outlives a client that vanishes mid-message (a service SIGKILLed while sending, as the
// status-updates bench does): the message cut short is not kept, and the next one is.
import net from "node:net";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SmtpCapture } from "./index.ts";

const smtp = new SmtpCapture();
let smtpUrl = "";

beforeAll(async () => {
  smtpUrl = await smtp.start();
});
afterAll(() => smtp.stop());

/** A raw SMTP client: each command waits for the reply with its code. */
async function rawSession(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
  const reply = async (code: string) => {
    while (!new RegExp(`^${code} `, "m").test(received)) await new Promise((r) => setTimeout(r, 5));
    received = "";
  };
  await reply("220");
  return {
    socket,
    async command(line: string, code: string) {
      socket.write(`${line}\r\n`);
      await reply(code);
    },
  };
}

it("keeps serving after a client resets its connection in the middle of DATA, and keeps no half message", async () => {
  const session = await rawSession(Number(new URL(smtpUrl).port));
  await session.command("EHLO killed.example.com", "250");
  await session.command("MAIL FROM:<firewatch@localhost>", "250");
  await session.command("RCPT TO:<cut@example.com>", "250");
  await session.command("DATA", "354");
  session.socket.write("Subject: cut short\r\n\r\nThe first half of the body");
  // Let the stand-in read the half message, so the reset meets a transaction under way.
  await new Promise((r) => setTimeout(r, 50));
  session.socket.resetAndDestroy();
  await new Promise((r) => setTimeout(r, 100));

  await createTransport({ url: smtpUrl }).sendMail({
    from: "firewatch@localhost",
    to: "whole@example.com",
    subject: "whole",
    text: "The whole message.",
  });
  expect(smtp.mails.map((m) => m.to)).toEqual([["whole@example.com"]]);
});
