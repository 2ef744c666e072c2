// The mailbox's web pages: a message nodemailer sent (as Firewatch sends its page mails) is listed newest first,
// shown with its HTML part in a sandboxed frame whose links open in the whole window, and its text part with
// clickable links; following the Acknowledge link reaches the service (here a tiny HTTP server).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linksTo, PageClient } from "../common/view/page-client.ts";
import { SmtpCapture } from "./index.ts";

const smtp = new SmtpCapture();
const pages = new PageClient(() => smtp.baseUrl);
const opened: string[] = [];
let service: Server;
let serviceUrl = "";
let smtpUrl = "";

const send = (subject: string, text: string, html?: string) =>
  createTransport({ url: smtpUrl }).sendMail({
    from: "Firewatch <pages@firewatch.example.com>",
    to: "Ada Oncall <ada@example.com>",
    subject,
    text,
    ...(html ? { html } : {}),
  });

beforeAll(async () => {
  smtpUrl = await smtp.start();
  await smtp.startHttp();
  service = createServer((req, res) => {
    opened.push(req.url ?? "");
    res.writeHead(200, { "Content-Type": "text/html" }).end("<h1>Acknowledge INC-7?</h1>");
  });
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await smtp.stop();
  service.closeAllConnections();
  await new Promise<void>((resolve) => service.close(() => resolve()));
});

describe("the mailbox pages", () => {
  it("list the messages newest first and show one with its HTML framed in a sandbox and its text part", async () => {
    await send("Welcome", "Hello.");
    const ack = `${serviceUrl}/act/tok_123`;
    await send(
      "[SEV2] INC-7 triggered: Checkout — façade failing",
      `INC-7 triggered.\nAcknowledge: ${ack}\n`,
      `<html><head><title>x</title></head><body><p>INC-7 triggered.</p><a href="${ack}">Acknowledge</a><script>alert(1)</script></body></html>`,
    );
    const inbox = await pages.get("/_view/");
    expect(inbox.status).toBe(200);
    expect(inbox.text.indexOf("INC-7 triggered: Checkout — façade failing")).toBeLessThan(
      inbox.text.indexOf("Welcome"),
    );
    expect(inbox.text).toContain("ada@example.com");

    const [href] = linksTo(inbox.html, "INC-7 triggered");
    const res = await fetch(pages.url(href!));
    expect(res.headers.get("content-security-policy")).toContain("frame-src 'self'");
    const message = await res.text();
    expect(message).toMatch(
      /<iframe class="mail-frame" title="[^"]+" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" src="\/_view\/messages\/2\/html">/,
    );
    expect(message).not.toMatch(/allow-scripts|allow-same-origin|<script/);
    expect(message).toContain(`Acknowledge: <a href="${ack}">${ack}</a>`);

    const part = await fetch(pages.url("/_view/messages/2/html"));
    expect(part.headers.get("content-security-policy")).toMatch(/default-src 'none'.*sandbox allow-popups/);
    const html = await part.text();
    expect(html).toContain('<head><base target="_top"><title>');
    const link = /<a href="([^"]+)">Acknowledge<\/a>/.exec(html)![1]!;
    const landing = await fetch(link);
    expect(await landing.text()).toContain("Acknowledge INC-7?");
    expect(opened).toEqual(["/act/tok_123"]);
  });

  it("show a plain-text message without a frame, hostile text as text, and nothing that is not there", async () => {
    await send("<script>alert(1)</script>", "<img src=x onerror=alert(1)> see http://example.com/?a=1&b=2");
    const inbox = await pages.get("/_view/");
    expect(inbox.html).not.toContain("<script>");
    const page = await pages.get("/_view/messages/3");
    expect(page.html).not.toMatch(/<iframe|<img|<script/);
    expect(page.html).toContain('<a href="http://example.com/?a=1&amp;b=2">');
    expect((await pages.get("/_view/messages/3/html")).status).toBe(404);
    expect((await pages.get("/_view/messages/99")).status).toBe(404);
    expect((await pages.post("/_view/messages/3", {})).status).toBe(405);
  });
});
