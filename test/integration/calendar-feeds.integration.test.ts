// A person's secret calendar URL, as a calendar app uses it: no header, the person's shifts across every schedule
// (parsed back with ical.js); made, replaced and revoked by the person or an admin; dead once revoked, replaced
// or the person deactivated; never in a log line.
import ICAL from "ical.js";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("calendar feeds on $name", (kind) => {
  let svc: TestService;
  const logged: string[] = [];
  const call = async (method: string, path: string, json?: unknown, token?: string) => {
    const res = await svc.api(path, { method, json, ...(token ? { token } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null } as { status: number; body: any };
  };
  const person = async (name: string, role = "responder") => {
    const user = (await call("POST", "/api/users", { name, email: `${name.toLowerCase()}@example.com`, role })).body;
    const { token } = (await call("POST", `/api/users/${user.id}/tokens`, { name: "laptop" })).body;
    return { ...user, token };
  };
  /** What a calendar app does: a bare GET of the URL, no header. */
  const subscribe = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, type: res.headers.get("content-type"), text: await res.text(), headers: res.headers };
  };
  const summaries = (ics: string) =>
    new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e).summary);

  beforeAll(async () => {
    const logDestination = new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    });
    svc = await startTestService(kind, { logDestination, env: { LOG_LEVEL: "info" } });
  });
  afterAll(() => svc?.stop());

  it("serves the person's shifts across schedules to a calendar app with no header, until revoked", async () => {
    const ada = await person("Ada");
    const bo = await person("Bo");
    // Ada is on call all week in one schedule and every other day in another; Bo only in the second.
    const start = new Date(Date.now() - 86_400_000).toISOString().slice(0, 16);
    for (const [name, users] of [
      ["Primary", [ada.id]],
      ["Secondary", [ada.id, bo.id]],
    ] as const) {
      const layers = [{ users, rotation: { type: "daily", shiftLength: 1, start } }];
      expect((await call("POST", "/api/schedules", { name, timeZone: "UTC", layers, overrides: [] })).status).toBe(201);
    }
    expect(await call("GET", `/api/users/${ada.id}/calendar-feed`, undefined, ada.token)).toEqual({
      status: 200,
      body: { feed: null },
    });

    const made = await call("POST", `/api/users/${ada.id}/calendar-feed`, {}, ada.token);
    expect(made).toEqual({
      status: 201,
      body: {
        feed: { createdAt: expect.any(String), lastUsedAt: null },
        url: expect.stringMatching(new RegExp(`^${svc.url}/calendar/fw_cal_[\\w-]{32}\\.ics$`)),
      },
    });
    const feed = await subscribe(made.body.url);
    expect(feed).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/calendar/) });
    expect(feed.headers.get("cache-control")).toBe("private, no-cache");
    const events = summaries(feed.text);
    // Up to six months ahead (the rotations began yesterday): one unbroken Primary shift, and every other day
    // of Secondary, about 184 / 2 of them.
    expect(events.filter((s) => s === "On call: Primary")).toHaveLength(1);
    const secondary = events.filter((s) => s === "On call: Secondary").length;
    expect(secondary).toBeGreaterThanOrEqual(91);
    expect(secondary).toBeLessThanOrEqual(93);
    expect(events).toHaveLength(1 + secondary);
    expect((await call("GET", `/api/users/${ada.id}/calendar-feed`, undefined, ada.token)).body.feed).toEqual({
      createdAt: made.body.feed.createdAt,
      lastUsedAt: expect.any(String),
    });

    // The URL is a credential: never in a log line, even at info level.
    const secret = made.body.url.split("/calendar/")[1].replace(".ics", "");
    expect(logged.join("")).toContain("/calendar/[redacted]");
    expect(logged.join("")).not.toContain(secret);

    expect((await call("DELETE", `/api/users/${ada.id}/calendar-feed`, undefined, ada.token)).status).toBe(204);
    expect(await subscribe(made.body.url)).toMatchObject({ status: 404, text: expect.stringContaining("revoked") });
    expect((await call("GET", `/api/users/${ada.id}/calendar-feed`, undefined, ada.token)).body.feed).toBeNull();
  });

  it("replaces a leaked URL, and a deactivated person's feed shows nothing", async () => {
    const cy = await person("Cy");
    const first = (await call("POST", `/api/users/${cy.id}/calendar-feed`, {}, cy.token)).body.url;
    const second = (await call("POST", `/api/users/${cy.id}/calendar-feed`, {})).body.url; // an admin, for Cy
    expect(second).not.toBe(first);
    expect((await subscribe(first)).status).toBe(404);
    expect((await subscribe(second)).status).toBe(200);

    expect((await call("DELETE", `/api/users/${cy.id}`)).status).toBe(200);
    expect((await subscribe(second)).status).toBe(404);
    // Coming back does not bring the old URL back, as with API tokens.
    expect((await call("PATCH", `/api/users/${cy.id}`, { active: true })).status).toBe(200);
    expect((await subscribe(second)).status).toBe(404);
  });

  it("lets only the person or an admin see, make or revoke their feed; guesses are 404", async () => {
    const dee = await person("Dee");
    const eve = await person("Eve");
    for (const method of ["GET", "POST", "DELETE"]) {
      expect(
        await call(method, `/api/users/${dee.id}/calendar-feed`, method === "POST" ? {} : undefined, eve.token),
      ).toMatchObject({ status: 403, body: { error: { code: "AUTH.ADMIN_REQUIRED" } } });
    }
    expect(await call("POST", `/api/users/${dee.id}/calendar-feed`, { ttl: 5 }, dee.token)).toMatchObject({
      status: 400,
    });
    for (const path of [
      `/calendar/fw_cal_${"A".repeat(32)}.ics`,
      "/calendar/anything",
      `/calendar/fw_cal_${"A".repeat(32)}`,
    ]) {
      expect((await subscribe(`${svc.url}${path}`)).status).toBe(404);
    }
  });
});
