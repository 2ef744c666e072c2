// The Slack notifier against the Slack emulator over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../../../stand-ins/slack/index.ts";
import { IntegrationError } from "../../ports/integration-errors.ts";
import type { ContactMethod, PageMessage, ReminderMessage } from "../../ports/notifier-port.ts";
import { slackNotifier } from "./slack-notifier.ts";

const REJECTED = { name: "IntegrationError", integration: "slack", kind: "rejected" };
const NOT_CONFIGURED = { name: "IntegrationError", integration: "slack", kind: "not_configured" };

let emu: SlackEmulator;

const alice: ContactMethod = { id: "cm-1", userId: "user-alice", kind: "slack", address: "U0ALICE" };
const page: PageMessage = {
  pageId: "page-1",
  incidentId: "inc-uuid-7",
  incidentKey: "INC-7",
  title: "Checkout <errors> & timeouts",
  severity: "SEV1",
  status: "Investigating",
  url: "https://firewatch.example/incidents/inc-uuid-7",
  level: 2,
  recipientName: "Alice",
  mayHaveBeenSent: false,
  actionUrls: null,
  signInUrl: null,
};

const reminder: ReminderMessage = {
  reminderId: "item-1:2026-11-22",
  incidentKey: "INC-7",
  incidentTitle: "Checkout <errors> & timeouts",
  itemTitle: "Add <disk> alerts & runbook",
  issueKey: "CI-12",
  issueUrl: "https://jira.example/browse/CI-12",
  dueDate: "2026-11-20",
  daysOverdue: 2,
  recipientName: "Ada <Owner>",
  url: "https://firewatch.example/incidents/INC-7",
};

const notifier = () => slackNotifier({ token: emu.botToken, apiUrl: emu.apiUrl });

async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the send to fail");
}

beforeEach(async () => {
  emu = new SlackEmulator({ botToken: "xoxb-firewatch-test" });
  await emu.start();
});

afterEach(async () => {
  const unexpected = emu.unexpected();
  await emu.stop();
  expect(unexpected).toEqual([]);
});

describe("slackNotifier", () => {
  it("opens a DM with the person and posts the page as text and blocks", async () => {
    const delivery = await notifier().send(alice, page);

    const [message, ...others] = emu.messages();
    expect(others).toEqual([]);
    expect(message).toMatchObject({ channel: emu.dmChannel("U0ALICE"), user: "U0ALICE" });
    expect(delivery).toEqual({ providerId: message!.ts });
    expect(message!.text).toBe(
      "[SEV1] INC-7: Checkout &lt;errors&gt; &amp; timeouts (Investigating, level 2) https://firewatch.example/incidents/inc-uuid-7",
    );
    const blocks = JSON.stringify(message!.blocks);
    expect(blocks).toContain(
      "<https://firewatch.example/incidents/inc-uuid-7|INC-7: Checkout &lt;errors&gt; &amp; timeouts>",
    );
    expect(blocks).toContain("SEV1");
    expect(blocks).toContain("Investigating");
    expect(blocks).toContain("Level 2");
    expect(emu.requests().map((r) => [r.method, r.auth])).toEqual([
      ["conversations.open", "bearer"],
      ["chat.postMessage", "bearer"],
    ]);
  });

  it("reuses the same DM for the next page", async () => {
    await notifier().send(alice, page);
    await notifier().send(alice, { ...page, pageId: "page-2", level: 3 });
    const channels = new Set(emu.messages().map((m) => m.channel));
    expect(channels.size).toBe(1);
  });

  it("does not page twice when a retried page finds itself in the DM's history", async () => {
    const first = await notifier().send(alice, page);
    // The service died before recording the first send: the retry looks before it posts.
    const again = await notifier().send(alice, { ...page, mayHaveBeenSent: true });
    expect(again).toEqual(first);
    expect(emu.messages()).toHaveLength(1);
    expect(emu.requests().map((r) => r.method)).toEqual([
      "conversations.open",
      "chat.postMessage",
      "conversations.open",
      "conversations.history",
    ]);
  });

  it("sends a retried page that never reached Slack, and only that one", async () => {
    await notifier().send(alice, { ...page, pageId: "page-0" });
    await notifier().send(alice, { ...page, mayHaveBeenSent: true });
    expect(emu.messages().map((m) => m.metadata?.event_payload)).toEqual([
      { page_id: "page-0", incident_id: "inc-uuid-7" },
      { page_id: "page-1", incident_id: "inc-uuid-7" },
    ]);
  });

  it.each([
    ["an unknown Slack user", { address: "U0NOBODY" }, "user_not_found"],
    ["a deactivated Slack user", { address: "U0ERIN" }, "user_disabled"],
  ])("rejects %s without posting", async (_, change, code) => {
    const error = await failure(notifier().send({ ...alice, ...change }, page));
    expect(error).toMatchObject(REJECTED);
    expect(error.message).toContain(code);
    expect(emu.requests({ method: "chat.postMessage" })).toEqual([]);
  });

  it.each([
    ["a wrong token", () => slackNotifier({ token: "xoxb-wrong", apiUrl: emu.apiUrl }), "invalid_auth"],
    ["a revoked token", () => (emu.setAuth("revoked"), notifier()), "token_revoked"],
  ])("rejects with %s", async (_, make, code) => {
    const error = await failure(make().send(alice, page));
    expect(error).toMatchObject(REJECTED);
    expect(error.message).toContain(code);
  });

  it("rejects when chat.postMessage answers a permanent error such as channel_not_found", async () => {
    emu.faults.next({ error: "channel_not_found", match: (r) => r.method === "chat.postMessage" });
    const error = await failure(notifier().send(alice, page));
    expect(error).toMatchObject(REJECTED);
    expect(error.message).toBe("Slack chat.postMessage for contact cm-1 failed: channel_not_found");
  });

  it("turns a 429 into a transient error with Retry-After, without retrying inside the client", async () => {
    emu.faults.next({ status: 429, headers: { "Retry-After": "7" }, match: (r) => r.method === "chat.postMessage" });
    const error = await failure(notifier().send(alice, page));
    expect(error).toMatchObject({ name: "IntegrationError", kind: "transient", retryAfterMs: 7000 });
    expect(emu.requests({ method: "chat.postMessage" })).toHaveLength(1);
    expect(emu.messages()).toEqual([]);
  });

  it("treats a 500 as transient: rethrown, not rejected, and not retried inside the client", async () => {
    emu.faults.next({ status: 500, match: (r) => r.method === "chat.postMessage" });
    const error = await failure(notifier().send(alice, page));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(IntegrationError);
    expect(emu.requests({ method: "chat.postMessage" })).toHaveLength(1);
  });

  it("treats Slack's own internal_error as transient", async () => {
    emu.faults.next({ error: "internal_error", match: (r) => r.method === "conversations.open" });
    const error = await failure(notifier().send(alice, page));
    expect(error).not.toBeInstanceOf(IntegrationError);
    expect(error.message).toContain("internal_error");
  });

  it("treats an unreachable Slack as transient", async () => {
    const url = emu.apiUrl;
    await emu.stop();
    const error = await failure(slackNotifier({ token: emu.botToken, apiUrl: url }).send(alice, page));
    expect(error).not.toBeInstanceOf(IntegrationError);
    await emu.start();
  });

  it("rejects contacts that are not Slack contacts", async () => {
    const error = await failure(notifier().send({ ...alice, kind: "email", address: "alice@example.com" }, page));
    expect(error).toMatchObject(REJECTED);
    expect(emu.requests()).toEqual([]);
  });

  it("is not configured without settings", async () => {
    const error = await failure(slackNotifier(null).send(alice, page));
    expect(error).toMatchObject(NOT_CONFIGURED);
    expect(emu.requests()).toEqual([]);
  });

  describe("remind", () => {
    it("DMs the owner the overdue item as escaped text and blocks linking the issue and the incident", async () => {
      const delivery = await notifier().remind(alice, reminder);

      const [message, ...others] = emu.messages();
      expect(others).toEqual([]);
      expect(message).toMatchObject({ channel: emu.dmChannel("U0ALICE"), user: "U0ALICE" });
      expect(delivery).toEqual({ providerId: message!.ts });
      expect(message!.text).toBe(
        "Overdue action item CI-12: Add &lt;disk&gt; alerts &amp; runbook (due 2026-11-20, 2 days overdue) from INC-7 https://jira.example/browse/CI-12",
      );
      const blocks = JSON.stringify(message!.blocks);
      expect(blocks).toContain(
        "Ada &lt;Owner&gt;, your action item *<https://jira.example/browse/CI-12|CI-12: Add &lt;disk&gt; alerts &amp; runbook>* is 2 days overdue",
      );
      expect(blocks).toContain(
        "<https://firewatch.example/incidents/INC-7|INC-7: Checkout &lt;errors&gt; &amp; timeouts>",
      );
      expect(blocks).toContain("2026-11-20");
      expect(emu.requests().map((r) => r.method)).toEqual(["conversations.open", "chat.postMessage"]);
    });

    it("names the issue without a link when the tracker's URL is unknown", async () => {
      await notifier().remind(alice, { ...reminder, issueUrl: null, daysOverdue: 1 });
      const [message] = emu.messages();
      expect(message!.text).toContain(
        "(due 2026-11-20, 1 day overdue) from INC-7 https://firewatch.example/incidents/INC-7",
      );
      expect(JSON.stringify(message!.blocks)).toContain(
        "your action item *CI-12: Add &lt;disk&gt; alerts &amp; runbook* is 1 day overdue",
      );
    });

    it("rejects an unknown Slack user, and leaves a 429 and a 500 to the job's backoff", async () => {
      const unknown = await failure(notifier().remind({ ...alice, address: "U0NOBODY" }, reminder));
      expect(unknown).toMatchObject(REJECTED);
      expect(unknown.message).toContain("user_not_found");
      emu.faults.next({ status: 429, headers: { "Retry-After": "3" }, match: (r) => r.method === "chat.postMessage" });
      const limited = await failure(notifier().remind(alice, reminder));
      expect(limited).toMatchObject({ name: "IntegrationError", kind: "transient", retryAfterMs: 3000 });
      emu.faults.next({ status: 500, match: (r) => r.method === "chat.postMessage" });
      const down = await failure(notifier().remind(alice, reminder));
      expect(down).not.toBeInstanceOf(IntegrationError);
      expect(emu.messages()).toEqual([]);
    });

    it("is not configured without settings", async () => {
      expect(await failure(slackNotifier(null).remind(alice, reminder))).toMatchObject(NOT_CONFIGURED);
      expect(emu.requests()).toEqual([]);
    });
  });
});
