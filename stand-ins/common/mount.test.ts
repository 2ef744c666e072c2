// A stand-in mounted under a path of another server (express's app.use, as the sandbox does) never listens itself,
// routes the path below the mount as its own, and builds every URL it hands out from the mounted base URL.
// test/integration/sandbox.integration.test.ts drives the service's real adapters through such mounts.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JiraEmulator } from "../jira/index.ts";
import { SlackEmulator } from "../slack/index.ts";
import { StatuspageEmulator } from "../statuspage/index.ts";
import { TwilioEmulator } from "../twilio/index.ts";
import { mountBase } from "./mount.ts";
import { RecordingWebhookReceiver } from "./webhook-receiver.ts";

describe("mountBase", () => {
  it.each([
    ["http://127.0.0.1:3000/sandbox/jira/", "http://127.0.0.1:3000/sandbox/jira"],
    ["https://demo.example.com/sandbox/slack", "https://demo.example.com/sandbox/slack"],
  ])("takes %s as %s", (given, base) => expect(mountBase(given)).toBe(base));

  it.each(["ftp://127.0.0.1/sandbox", "http://127.0.0.1/sandbox?x=1", "http://127.0.0.1/sandbox#top", "/sandbox"])(
    "refuses %s",
    (given) => expect(() => mountBase(given)).toThrow(),
  );
});

describe("stand-ins mounted on an express app under /under/<vendor>", () => {
  const jira = new JiraEmulator({ searchLagMs: 0, latency: { readMs: 0, writeMs: 0 } });
  const slack = new SlackEmulator();
  const statuspage = new StatuspageEmulator();
  const twilio = new TwilioEmulator({ callbackDelayMs: 0 });
  const receiver = new RecordingWebhookReceiver("/hooks/jira", 200);
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    const app = express();
    server = app.listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const standIns = { jira, slack, statuspage, twilio };
    for (const [vendor, standIn] of Object.entries(standIns))
      app.use(`/under/${vendor}`, standIn.mount(`${origin}/under/${vendor}/`));
    await receiver.start();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await receiver.stop();
    expect([...jira.unexpected(), ...statuspage.unexpected(), ...twilio.unexpected()]).toEqual([]);
    expect(slack.unexpected()).toEqual([]);
  });

  it("gives each stand-in the mounted base URL", () => {
    expect(jira.baseUrl).toBe(`${origin}/under/jira`);
    expect(slack.apiUrl).toBe(`${origin}/under/slack/api/`);
    expect(slack.viewUrl()).toBe(`${origin}/under/slack/_view/`);
    expect(statuspage.apiUrl).toBe(`${origin}/under/statuspage/v1`);
    expect(twilio.baseUrl).toBe(`${origin}/under/twilio`);
  });

  it("Jira: answers under the mount, and its webhooks' self links point there", async () => {
    jira.registerWebhook({ url: receiver.url });
    const auth = `Basic ${Buffer.from(`${jira.email}:${jira.apiToken}`).toString("base64")}`;
    const me = await fetch(`${origin}/under/jira/rest/api/3/myself`, { headers: { authorization: auth } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { self: string }).self).toMatch(new RegExp(`^${origin}/under/jira/rest/api/3/user`));
    const issue = await jira.createIssueAsUser({ project: "CI", summary: "main is red" });
    await jira.settled();
    expect(receiver.received[0]!.json.issue.self).toBe(`${origin}/under/jira/rest/api/2/issue/${issue.id}`);
    const unknown = await fetch(`${origin}/under/jira/rest/api/3/nothing`, { headers: { authorization: auth } });
    expect(unknown.status).toBe(404);
    jira.clearLog(); // the unknown route was asked on purpose
  });

  it("Statuspage and Twilio: answer their APIs under the mount", async () => {
    const components = await fetch(`${statuspage.apiUrl}/pages/${statuspage.pageId}/components`, {
      headers: { authorization: `OAuth ${statuspage.apiKey}` },
    });
    expect(components.status).toBe(200);
    const sms = await fetch(`${twilio.baseUrl}/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ To: "+14155550101", From: twilio.numbers[0]!, Body: "hello" }).toString(),
    });
    expect(sms.status).toBe(201);
    expect(twilio.messagesTo("+14155550101")).toEqual(["hello"]);
  });
});
