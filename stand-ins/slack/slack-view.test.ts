// The web pages under /_view/: a conversation as one person sees it, its buttons sending the app the same signed
// block_actions as click(), and its composer posting as that person (the app gets the message event).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LogLevel, WebClient } from "@slack/web-api";
import { SlackEmulator } from "./index.ts";
import { TestReceiver } from "./test-receiver.ts";

const SECRET = "view-test-signing-secret";
let emu: SlackEmulator;
let web: WebClient;
let app: TestReceiver;
let dm: string;

const button = (action_id: string, text: string, extra: object = {}) =>
  ({ type: "button", action_id, text: { type: "plain_text", text }, value: "inc-7", ...extra }) as const;
const page = [
  {
    type: "section",
    text: { type: "mrkdwn", text: "Alice Adams, you are paged for *<https://fw.example/i/7|INC-7>*" },
  },
  {
    type: "actions",
    block_id: "firewatch_page_actions",
    elements: [
      button("firewatch_acknowledge", "Acknowledge", { style: "primary" }),
      button("firewatch_resolve", "Resolve"),
    ],
  },
];

beforeEach(async () => {
  emu = new SlackEmulator();
  await emu.start();
  web = new WebClient(emu.botToken, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  app = new TestReceiver(SECRET);
  const url = await app.start();
  emu.configureInteractivity({ url, signingSecret: SECRET });
  emu.configureEvents({ url, signingSecret: SECRET });
  dm = (await web.conversations.open({ users: "U0ALICE" })).channel!.id!;
});

afterEach(async () => {
  const unexpected = emu.unexpected();
  await emu.stop();
  await app.stop();
  expect(unexpected).toEqual([]);
});

const get = (path: string) => fetch(`${emu.baseUrl}${path}`, { redirect: "manual" });
const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${emu.baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: emu.baseUrl, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
/** The view's button form for `action_id` on message `ts`, clicked by `user`. */
const click = (ts: string, action_id: string, user = "U0ALICE", headers: Record<string, string> = {}) =>
  form(`/_view/conversations/${dm}/click`, { ts, action_id, user }, headers);
/** The page's text as a person reads it: decorations (aria-hidden) dropped, inline tags vanish, block tags separate. */
const textOf = (html: string) =>
  html
    .replace(/<(\w+)[^>]*aria-hidden="true"[^>]*>[^<]*<\/\1>/g, "")
    .replace(/<\/?(span|b|i|s|code|a|time)\b[^>]*>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("the pages", () => {
  it("lists conversations by their members' names, under a strict Content-Security-Policy", async () => {
    const res = await get("/_view/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).toContain("form-action 'self'");
    const text = textOf(await res.text());
    expect(text).toContain("#general Channel Alice Adams, Bob Brown, Carol Chen, Firewatch");
    expect(text).toContain("Alice Adams, Firewatch Direct message Alice Adams, Firewatch");
    const css = await get("/_view/view.css");
    expect(css.headers.get("content-type")).toBe("text/css");
    expect(await css.text()).toContain(".btn.primary");
    // The pages are not Web API calls: nothing in the request log.
    expect(emu.requests().filter((r) => r.method.includes("view"))).toEqual([]);
  });

  it("shows a conversation as Slack does: author, time, text, edits, threads, pins, and the viewer's ephemerals", async () => {
    const posted = await web.chat.postMessage({ channel: dm, text: "page", blocks: page });
    await emu.postAs("U0ALICE", dm, "on it, <@U0FWBOT>: _checking_ `db-1` &lt;now&gt;");
    await web.chat.update({ channel: dm, ts: posted.ts!, text: "INC-7 — Acknowledged by Alice Adams", blocks: [] });
    await emu.postAs("U0ALICE", dm, "a reply", { threadTs: posted.ts! });
    await emu.pinAs("U0ALICE", dm, posted.ts!);
    await web.chat.postEphemeral({ channel: dm, user: "U0ALICE", text: "Only you see *this*" });

    const html = await (await get(`/_view/conversations/${dm}?as=U0ALICE`)).text();
    const text = textOf(html);
    expect(text).toMatch(
      /Pinned by Alice Adams Firewatch APP \d{1,2}:\d\d [AP]M INC-7 — Acknowledged by Alice Adams \(edited\) 1 reply Alice Adams \d{1,2}:\d\d [AP]M on it, @Firewatch: checking db-1 <now> Only visible to you Firewatch APP \d{1,2}:\d\d [AP]M Only you see this/,
    );
    expect(html).toContain("<i>checking</i>");
    expect(html).toContain("<code>db-1</code>");
    expect(html).not.toContain("a reply"); // replies live in the thread
  });

  it("refuses to show a DM to someone outside it, and names what is missing", async () => {
    const bob = await get(`/_view/conversations/${dm}?as=U0BOB`);
    expect(bob.status).toBe(403);
    expect(textOf(await bob.text())).toContain("Bob Brown is not in this private conversation.");
    expect((await get("/_view/conversations/C0NOPE")).status).toBe(404);
    expect((await get(`/_view/conversations/${dm}?as=U0ERIN`)).status).toBe(404); // deactivated
    expect((await get("/_view/nothing")).status).toBe(404);
  });
});

describe("the button forms", () => {
  it("send the app a signed block_actions for the viewer, then go back to the conversation", async () => {
    const posted = await web.chat.postMessage({ channel: dm, text: "page", blocks: page });
    const html = await (await get(`/_view/conversations/${dm}?as=U0ALICE`)).text();
    expect(html).toContain(`action="/_view/conversations/${dm}/click"`);
    // The app answers by rewriting the page, as Firewatch does; the view waits for that before going back.
    app.answer = () => {
      void web.chat.update({ channel: dm, ts: posted.ts!, text: "Acknowledged by Alice Adams", blocks: [] });
      return { status: 200 };
    };
    const res = await click(posted.ts!, "firewatch_acknowledge");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/_view/conversations/${dm}?as=U0ALICE`);
    const [sent] = app.received;
    expect(sent!.signatureValid).toBe(true);
    expect(sent!.fresh).toBe(true);
    const payload = JSON.parse(sent!.body.payload);
    expect(payload).toMatchObject({
      type: "block_actions",
      user: { id: "U0ALICE" },
      container: { message_ts: posted.ts, channel_id: dm },
      actions: [{ action_id: "firewatch_acknowledge", block_id: "firewatch_page_actions", value: "inc-7" }],
    });
    const after = textOf(await (await get(res.headers.get("location")!)).text());
    expect(after).toContain("Acknowledged by Alice Adams (edited)");
    expect(after).not.toContain("Acknowledge Resolve");
  });

  it("say on the page when the app refused the click", async () => {
    const posted = await web.chat.postMessage({ channel: dm, text: "page", blocks: page });
    app.answer = () => ({ status: 401 });
    const res = await click(posted.ts!, "firewatch_resolve");
    expect(res.headers.get("location")).toBe(`/_view/conversations/${dm}?as=U0ALICE&clicked=401`);
    expect(textOf(await (await get(res.headers.get("location")!)).text())).toContain(
      "The app answered HTTP 401; Slack would show this click as failed.",
    );
  });

  it.each([
    ["from another site", { origin: "https://evil.example" }, 403],
    ["sent cross-site", { "sec-fetch-site": "cross-site" }, 403],
    ["as JSON", { "content-type": "application/json" }, 415],
  ])("are refused %s, and nothing reaches the app", async (_, headers, status) => {
    const posted = await web.chat.postMessage({ channel: dm, text: "page", blocks: page });
    const res = await click(posted.ts!, "firewatch_acknowledge", "U0ALICE", headers);
    expect(res.status).toBe(status);
    expect(app.received).toEqual([]);
  });

  it("are refused for a person outside the DM or a button the message does not have", async () => {
    const posted = await web.chat.postMessage({ channel: dm, text: "page", blocks: page });
    const bob = await click(posted.ts!, "firewatch_acknowledge", "U0BOB");
    expect(bob.status).toBe(403);
    const none = await click(posted.ts!, "nope");
    expect(none.status).toBe(409);
    expect(textOf(await none.text())).toContain("no button with action_id nope");
    expect(app.received).toEqual([]);
  });
});

describe("the composer", () => {
  it("posts as the viewer, escaped as Slack's client sends it, and the app gets the message event", async () => {
    const res = await form(`/_view/conversations/${dm}/messages`, {
      user: "U0ALICE",
      text: "ack <b> & see https://x.example/a?b=1",
    });
    expect(res.status).toBe(303);
    await emu.eventsSettled();
    const [event] = app.received.filter((r) => r.body.type === "event_callback");
    expect(event!.signatureValid).toBe(true);
    expect(event!.body.event).toMatchObject({
      type: "message",
      channel: dm,
      user: "U0ALICE",
      text: "ack &lt;b&gt; &amp; see <https://x.example/a?b=1>",
    });
    const html = await (await get(`/_view/conversations/${dm}?as=U0ALICE`)).text();
    expect(html).toContain('ack &lt;b&gt; &amp; see <a href="https://x.example/a?b=1"');
  });

  it("refuses a blank message and a person outside the conversation", async () => {
    expect((await form(`/_view/conversations/${dm}/messages`, { user: "U0ALICE", text: "   " })).status).toBe(400);
    expect((await form(`/_view/conversations/${dm}/messages`, { user: "U0BOB", text: "hi" })).status).toBe(409);
    expect(emu.channelMessages(dm)).toEqual([]);
  });
});
