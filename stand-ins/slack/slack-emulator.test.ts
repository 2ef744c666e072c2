// Drives the Slack emulator through the real @slack/web-api WebClient over HTTP (form-encoded bodies, the way the SDK
// sends them) and through raw fetch for JSON bodies and the HTTP-level shapes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ErrorCode,
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
  type WebClientOptions,
} from "@slack/web-api";
import { BOT, SlackEmulator } from "./index.ts";

let emu: SlackEmulator;
let web: WebClient;

function client(token: string | undefined, extra: WebClientOptions = {}): WebClient {
  return new WebClient(token, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail");
}

function raw(
  method: string,
  init: { json?: unknown; form?: Record<string, string>; auth?: boolean; contentType?: string; body?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (init.auth !== false) headers.Authorization = `Bearer ${emu.botToken}`;
  // Bytes, not a string: fetch would add "text/plain" to a string body.
  let body: string | Uint8Array | undefined = init.body === undefined ? undefined : new TextEncoder().encode(init.body);
  if (init.json !== undefined) body = JSON.stringify(init.json);
  if (init.form !== undefined) body = new URLSearchParams(init.form).toString();
  const type =
    init.contentType ??
    (init.json !== undefined
      ? "application/json; charset=utf-8"
      : init.form !== undefined
        ? "application/x-www-form-urlencoded"
        : undefined);
  if (type) headers["Content-Type"] = type;
  return fetch(`${emu.apiUrl}${method}`, { method: "POST", headers, body });
}

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

beforeEach(async () => {
  emu = new SlackEmulator({ botToken: "xoxb-test-123" });
  await emu.start();
  web = client(emu.botToken);
});

afterEach(async () => {
  const unexpected = emu.unexpected();
  await emu.stop();
  expect(unexpected).toEqual([]);
});

describe("methods", () => {
  it("auth.test tells the bot who it is", async () => {
    const res = await web.auth.test();
    expect(res).toMatchObject({
      ok: true,
      url: "https://firewatch.slack.com/",
      team: "Firewatch",
      team_id: "T0FIREWATCH",
      user: BOT.name,
      user_id: BOT.userId,
      bot_id: BOT.botId,
    });
    expect(res.response_metadata?.scopes).toContain("chat:write");
  });

  it("conversations.open opens one DM per person and resumes it", async () => {
    const first = await web.conversations.open({ users: "U0ALICE" });
    expect(first.channel?.id).toMatch(/^D[A-Z0-9]+$/);
    expect(first.already_open).toBeUndefined();
    const again = await web.conversations.open({ users: "U0ALICE", return_im: true });
    expect(again).toMatchObject({
      ok: true,
      no_op: true,
      already_open: true,
      channel: { id: first.channel?.id, is_im: true, user: "U0ALICE" },
    });
    const bob = await web.conversations.open({ users: "U0BOB" });
    expect(bob.channel?.id).not.toBe(first.channel?.id);
    expect(emu.dmChannel("U0ALICE")).toBe(first.channel?.id);
  });

  it("chat.postMessage posts text and blocks, and messages() records who the DM was for", async () => {
    const dm = (await web.conversations.open({ users: "U0BOB" })).channel!.id!;
    const blocks = [section("*INC-1* <https://fw.example/i/1|Database down>"), { type: "divider" }];
    const res = await web.chat.postMessage({ channel: dm, text: "INC-1 Database down", blocks });
    expect(res).toMatchObject({
      ok: true,
      channel: dm,
      message: { type: "message", text: "INC-1 Database down", bot_id: BOT.botId, blocks },
    });
    expect(res.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(emu.messages()).toEqual([
      {
        channel: dm,
        user: "U0BOB",
        text: "INC-1 Database down",
        blocks,
        metadata: null,
        ts: res.ts,
        postedAt: expect.any(Number),
      },
    ]);
  });

  it("chat.postMessage takes a JSON body with a bearer token, a user id as channel, and blocks without text", async () => {
    const res = await raw("chat.postMessage", { json: { channel: "U0CAROL", blocks: [section("hello")] } });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ ok: true, channel: emu.dmChannel("U0CAROL") });
    expect(emu.messages({ user: "U0CAROL" })).toMatchObject([{ text: null, blocks: [section("hello")] }]);
  });

  it("accepts the token as a form argument, as Slack does, and keeps it out of the log", async () => {
    const res = await raw("auth.test", { auth: false, form: { token: emu.botToken } });
    expect(await res.json()).toMatchObject({ ok: true, user_id: BOT.userId });
    expect(emu.requests({ method: "auth.test" })).toMatchObject([{ auth: "form", args: {} }]);
  });

  it("users.info returns the seeded person", async () => {
    const res = await web.users.info({ user: "U0BOB" });
    expect(res.user).toMatchObject({
      id: "U0BOB",
      name: "bob",
      real_name: "Bob Brown",
      deleted: false,
      profile: { email: "bob@example.com" },
    });
  });

  it("logs every request with its method, arguments and timestamp", async () => {
    const before = Date.now();
    await web.users.info({ user: "U0ALICE" });
    const [entry] = emu.requests();
    expect(entry).toMatchObject({
      seq: 1,
      method: "users.info",
      httpMethod: "POST",
      auth: "bearer",
      args: { user: "U0ALICE" },
      outcome: 200,
    });
    expect(entry!.contentType).toContain("application/x-www-form-urlencoded");
    expect(entry!.receivedAt).toBeGreaterThanOrEqual(before);
  });
});

describe("errors, as Slack returns them (HTTP 200, ok:false)", () => {
  async function platformError(p: Promise<unknown>): Promise<string> {
    const err = await failure(p);
    expect(err).toBeInstanceOf(WebAPIPlatformError);
    expect(err.code).toBe(ErrorCode.PlatformError);
    return err.data.error;
  }

  it("not_authed without a token, invalid_auth with a wrong one, token_revoked and account_inactive by mode", async () => {
    expect(await platformError(client(undefined).auth.test())).toBe("not_authed");
    expect(await platformError(client("xoxb-wrong").auth.test())).toBe("invalid_auth");
    // With a JSON body Slack only reads the token from the Authorization header.
    expect(await (await raw("auth.test", { auth: false, json: { token: emu.botToken } })).json()).toEqual({
      ok: false,
      error: "not_authed",
    });
    emu.setAuth("revoked");
    expect(await platformError(web.auth.test())).toBe("token_revoked");
    emu.setAuth("inactive");
    expect(await platformError(web.auth.test())).toBe("account_inactive");
  });

  it("user_not_found, user_disabled, channel_not_found, is_archived, no_text", async () => {
    expect(await platformError(web.users.info({ user: "U0NOBODY" }))).toBe("user_not_found");
    expect(await platformError(web.conversations.open({ users: "U0NOBODY" }))).toBe("user_not_found");
    expect(await platformError(web.conversations.open({ users: "U0ERIN" }))).toBe("user_disabled");
    expect(await platformError(web.chat.postMessage({ channel: "D0NOPE", text: "x" }))).toBe("channel_not_found");
    emu.archive("C0GENERAL");
    expect(await platformError(web.chat.postMessage({ channel: "#general", text: "x" }))).toBe("is_archived");
    expect(await platformError(web.chat.postMessage({ channel: "U0ALICE", text: " " }))).toBe("no_text");
    expect(emu.messages()).toEqual([]);
  });

  it("invalid_blocks names the bad block by JSON pointer; invalid_blocks_format for a non-array", async () => {
    const err = await failure(
      web.chat.postMessage({
        channel: "U0ALICE",
        text: "x",
        blocks: [{ type: "header", text: { type: "mrkdwn", text: "no" } }] as any,
      }),
    );
    expect(err.data).toMatchObject({
      ok: false,
      error: "invalid_blocks",
      errors: ["must be plain_text [json-pointer:/blocks/0/text/type]"],
    });
    const format = await raw("chat.postMessage", { form: { channel: "U0ALICE", text: "x", blocks: "{not json" } });
    expect(await format.json()).toEqual({ ok: false, error: "invalid_blocks_format" });
  });

  it("invalid_json, json_not_object and missing_post_type for malformed bodies", async () => {
    expect(await (await raw("auth.test", { body: "{", contentType: "application/json" })).json()).toEqual({
      ok: false,
      error: "invalid_json",
    });
    expect(await (await raw("auth.test", { json: [1] })).json()).toEqual({ ok: false, error: "json_not_object" });
    expect(await (await raw("auth.test", { body: "a=b" })).json()).toEqual({ ok: false, error: "missing_post_type" });
  });

  it("unknown methods answer unknown_method and are recorded as unexpected", async () => {
    const err = await failure(web.apiCall("chat.postMesage", { channel: "U0ALICE", text: "typo" }));
    expect(err.data).toMatchObject({ ok: false, error: "unknown_method", req_method: "chat.postMesage" });
    expect(emu.unexpected()).toMatchObject([{ method: "chat.postMesage", reason: "method not emulated" }]);
    emu.clearLog();
  });
});

describe("faults", () => {
  it("answers 429 with Retry-After; the WebClient surfaces it as WebAPIRateLimitedError", async () => {
    emu.faults.next({ status: 429, headers: { "Retry-After": "3" }, match: (r) => r.method === "chat.postMessage" });
    await web.auth.test();
    const err = await failure(
      client(emu.botToken, { rejectRateLimitedCalls: true }).chat.postMessage({ channel: "U0ALICE", text: "x" }),
    );
    expect(err).toBeInstanceOf(WebAPIRateLimitedError);
    expect(err.retryAfter).toBe(3);
    emu.faults.next({ status: 429, headers: { "Retry-After": "3" } });
    const res = await raw("auth.test");
    expect([res.status, res.headers.get("retry-after"), await res.json()]).toEqual([
      429,
      "3",
      { ok: false, error: "ratelimited" },
    ]);
    expect(emu.requests().map((r) => [r.method, r.outcome, r.fault])).toEqual([
      ["auth.test", 200, undefined],
      ["chat.postMessage", 429, "status:429"],
      ["auth.test", 429, "status:429"],
    ]);
  });

  it("without rejectRateLimitedCalls the WebClient waits Retry-After and retries by itself", async () => {
    emu.faults.next({ status: 429, headers: { "Retry-After": "0" } });
    const res = await client(emu.botToken, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } }).auth.test();
    expect(res.ok).toBe(true);
    expect(emu.requests().map((r) => r.outcome)).toEqual([429, 200]);
  });

  it("answers { error } as ok:false, `times` times, then recovers", async () => {
    emu.faults.next({ error: "internal_error", times: 2 });
    expect((await failure(web.auth.test())).data.error).toBe("internal_error");
    expect((await failure(web.auth.test())).data.error).toBe("internal_error");
    expect((await web.auth.test()).ok).toBe(true);
    expect(emu.faults.pending()).toBe(0);
  });

  it("answers a 5xx as an HTTP error", async () => {
    emu.faults.next({ status: 503 });
    const err = await failure(web.auth.test());
    expect(err).toBeInstanceOf(WebAPIHTTPError);
    expect(err.statusCode).toBe(503);
  });

  it("answerLost carries the call out and never answers", async () => {
    emu.faults.next({ answerLost: true, match: (r) => r.method === "chat.postMessage" });
    const err = await failure(
      client(emu.botToken, { timeout: 300 }).chat.postMessage({ channel: "U0BOB", text: "INC-2 paged" }),
    );
    expect(err.code).toBe(ErrorCode.RequestError);
    expect(emu.messages({ user: "U0BOB" }).map((m) => m.text)).toEqual(["INC-2 paged"]);
    expect(emu.requests({ method: "chat.postMessage" })[0]).toMatchObject({ fault: "answer-lost", outcome: "hung" });
  });
});
