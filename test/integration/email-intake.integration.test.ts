// Incidents by e-mail (docs/alerts.md "E-mail"): real SMTP, sent with nodemailer, to the service's listener
// (FIREWATCH_SMTP_PORT). Reply codes: RFC 5321 4.2 and the enhanced codes of RFC 3463.
import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

const MAX_BYTES = 64 * 1024;

describe.each(DATABASE_KINDS)("incident e-mail on $name", (kind) => {
  let svc: TestService;
  let key: string;
  const log: string[] = [];

  beforeAll(async () => {
    svc = await startTestService(kind, {
      env: {
        FIREWATCH_SMTP_PORT: "0",
        FIREWATCH_SMTP_HOST: "127.0.0.1",
        FIREWATCH_SMTP_MAX_BYTES: String(MAX_BYTES),
        FIREWATCH_SMTP_DOMAIN: "alerts.example.com",
        LOG_LEVEL: "info",
      },
      logDestination: { write: (line: string) => void log.push(line) },
    });
    key = (await svc.createService("checkout")).integrationKey;
  });
  afterAll(() => svc?.stop());

  const send = (message: Mail.Options) =>
    nodemailer
      .createTransport({ host: "127.0.0.1", port: svc.smtp!.port, secure: false, ignoreTLS: true })
      .sendMail({ from: '"Nagios" <nagios@monitor.example.com>', to: `${key}@alerts.example.com`, ...message });
  const refusal = (message: Mail.Options) =>
    send(message).then(
      () => {
        throw new Error("the message was taken");
      },
      (error: { responseCode?: number; response?: string }) => error,
    );
  const get = async (path: string) => (await (await svc.api(path)).json()) as any;
  const incidents = async () => (await get("/api/incidents")).incidents as any[];
  const timeline = async (incidentKey: string) =>
    (await get(`/api/incidents/${incidentKey}/timeline`)).entries.map((e: any) => ({
      type: e.type,
      source: e.source,
      author: e.author,
      body: e.body,
    }));
  const messageId = () => `<${randomBytes(8).toString("hex")}@monitor.example.com>`;

  it("shows the service's address, and opens an incident from a message: subject title, SEV tag, body", async () => {
    const services = (await get("/api/services")).services as any[];
    expect(services[0].endpoints.email).toBe(`${key}@alerts.example.com`);

    const info = await send({ subject: "[sev1] Checkout down", text: "p99 above 3 s", messageId: messageId() });
    expect(info.response).toMatch(/^250 2\.6\.0 /);
    const [incident] = await incidents();
    expect(incident).toMatchObject({ title: "Checkout down", severity: "SEV1", status: "triggered" });
    const detail = await get(`/api/incidents/${incident.key}`);
    expect(detail).toMatchObject({ description: "p99 above 3 s", alerts: [{ count: 1, source: "Nagios" }] });
    expect(await timeline(incident.key)).toContainEqual({
      type: "incident.triggered",
      source: "email",
      author: "Nagios",
      body: `${incident.key} triggered by Nagios: Checkout down`,
    });
  });

  it("takes the same message twice (an MTA's retry) once: one incident, one alert", async () => {
    const id = messageId();
    const before = (await incidents()).length;
    await send({ subject: "Disk full on db-1", text: "95%", messageId: id });
    expect((await send({ subject: "Disk full on db-1", text: "95%", messageId: id })).response).toMatch(/^250 /);
    const opened = (await incidents()).filter((i) => i.title === "Disk full on db-1");
    expect((await incidents()).length).toBe(before + 1);
    const detail = await get(`/api/incidents/${opened[0].key}`);
    expect(detail.alerts).toHaveLength(1);
    expect(detail.alerts[0].count).toBe(1);
  });

  it("takes two copies of one message arriving at once once", async () => {
    const id = messageId();
    const copy = { subject: "Cache cluster split", text: "2 of 3 nodes", messageId: id };
    await Promise.all([send(copy), send(copy)]);
    const opened = (await incidents()).filter((i) => i.title === "Cache cluster split");
    expect(opened).toHaveLength(1);
    expect((await get(`/api/incidents/${opened[0].key}`)).alerts[0].count).toBe(1);
  });

  it("refuses an unknown or malformed address at RCPT TO with 550 5.1.1", async () => {
    const unknown = await refusal({ to: `${"0".repeat(32)}@alerts.example.com`, subject: "x", text: "x" });
    expect(unknown.responseCode).toBe(550);
    expect(unknown.response).toMatch(/^550 5\.1\.1 No Firewatch service has this integration key/);
    const malformed = await refusal({ to: "oncall@alerts.example.com", subject: "x", text: "x" });
    expect(malformed.response).toMatch(/^550 5\.1\.1 .*32-character integration key/);
  });

  it("refuses a message over FIREWATCH_SMTP_MAX_BYTES with 552 5.3.4, and keeps nothing of it", async () => {
    const before = (await incidents()).length;
    const tooBig = await refusal({ subject: "Huge", text: "x".repeat(MAX_BYTES + 1) });
    expect(tooBig.responseCode).toBe(552);
    expect(tooBig.response).toMatch(/^552 5\.3\.4 /);
    expect((await incidents()).length).toBe(before);
  });

  it("makes a reply with the incident key in the subject a note by its sender, quotation left out", async () => {
    const id = messageId();
    await send({ subject: "Payments failing", text: "5xx from the PSP", messageId: id });
    const incident = (await incidents()).find((i) => i.title === "Payments failing");
    await send({
      from: "Jane Doe <jane@example.com>",
      subject: `Re: [SEV2] ${incident.key} triggered: Payments failing`,
      text: "Switched to the backup PSP.\n\nOn Mon, 2 Mar 2026, Nagios <nagios@monitor.example.com> wrote:\n> 5xx from the PSP\n",
      messageId: messageId(),
    });
    expect(await timeline(incident.key)).toContainEqual({
      type: "note",
      source: "email",
      author: "Jane Doe",
      body: "Switched to the backup PSP.",
    });
    expect((await incidents()).filter((i) => i.title.includes("Payments failing"))).toHaveLength(1);
  });

  it("joins a reply naming an earlier message in In-Reply-To to that message's incident", async () => {
    const first = messageId();
    await send({ subject: "Queue backlog", text: "10k messages", messageId: first });
    const before = (await incidents()).length;
    const incident = (await incidents()).find((i) => i.title === "Queue backlog");
    await send({
      subject: "still growing",
      text: "20k now",
      inReplyTo: first,
      references: [first],
      messageId: messageId(),
    });
    expect((await incidents()).length).toBe(before);
    expect(await timeline(incident.key)).toContainEqual({
      type: "note",
      source: "email",
      author: "Nagios",
      body: "20k now",
    });
  });

  it("writes neither the integration key nor a message body to the log", async () => {
    const text = log.join("");
    expect(text).toContain("e-mail taken");
    expect(text).not.toContain(key);
    expect(text).not.toContain("p99 above 3 s");
    expect(text).not.toContain("Switched to the backup PSP");
  });
});
