// A person's on-call for calendar apps: `GET /calendar/<token>.ics` answers with no header at all (Google,
// Outlook and Apple Calendar subscribe to a bare URL), so the secret URL is the credential; `/api/users/{id}/
// calendar-feed` makes, shows and revokes it.
import { randomBytes } from "node:crypto";
import { Router, type Response } from "express";
import { z } from "zod";
import { DAY_MS } from "../../domain/clock.ts";
import { userCalendar } from "../../formats/ical/schedule-ical.ts";
import {
  calendarFeedOf,
  calendarOfFeed,
  replaceCalendarFeed,
  revokeCalendarFeed,
  type PersonalCalendar,
} from "../../usecases/oncall/calendar-feeds.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { hashToken, principalOf } from "../middleware/authenticate.ts";
import { id } from "./oncall-requests.ts";

/** What a subscribed calendar shows: the last month and the next six (calendar apps send no window). */
const FEED_PAST_MS = 31 * DAY_MS;
const FEED_AHEAD_MS = 183 * DAY_MS;
const FEED_FILE = /^(fw_cal_[A-Za-z0-9_-]{32})\.ics$/;

/** Sends a person's shifts in `[from, to)` across every schedule as iCalendar. */
export function sendCalendar(res: Response, calendar: PersonalCalendar, window: { from: Date; to: Date }): void {
  const name = `On call: ${calendar.user.name}`;
  res.type("text/calendar").send(userCalendar(calendar.schedules, calendar.user.id, { ...window, name }));
}

/** `/calendar/<token>.ics`, for calendar apps. Unknown and revoked URLs get the same 404. */
export function calendarFeedsRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };
  router.get("/:file", async (req, res) => {
    const token = FEED_FILE.exec(req.params.file)?.[1];
    const calendar = token ? await calendarOfFeed(deps, hashToken(token)) : null;
    // The URL is a credential: never cached by a proxy, never indexed.
    res.set({ "Cache-Control": "private, no-cache", "X-Robots-Tag": "noindex, nofollow" });
    if (!calendar) {
      res.locals.signInFailed = true; // a guess spends the sign-in budget (web/middleware/client-limits.ts)
      res
        .status(404)
        .type("text/plain")
        .send("This calendar link was revoked or never existed. Make a new one in Firewatch: People, then your name.");
      return;
    }
    const now = ctx.clock.now().getTime();
    sendCalendar(res, calendar, { from: new Date(now - FEED_PAST_MS), to: new Date(now + FEED_AHEAD_MS) });
  });
  return router;
}

/** `/api/users/{id}/calendar-feed`: the person or an admin. */
export function userCalendarFeedRouter(ctx: WebContext): Router {
  const router = Router({ mergeParams: true });
  const deps = { uow: ctx.uow, clock: ctx.clock };
  const userOf = (params: unknown) => parseOrThrow(id, (params as { id?: string }).id, "user id");

  router.get("/", async (req, res) => {
    const feed = await calendarFeedOf(deps, principalOf(res), userOf(req.params));
    res.json({ feed });
  });
  // A new URL each time, shown once; the previous one stops working.
  router.post("/", async (req, res) => {
    parseOrThrow(z.strictObject({}), req.body ?? {});
    const token = `fw_cal_${randomBytes(24).toString("base64url")}`;
    const feed = await replaceCalendarFeed(deps, principalOf(res), userOf(req.params), hashToken(token));
    res.status(201).json({ feed, url: `${ctx.publicUrl}/calendar/${token}.ics` });
  });
  router.delete("/", async (req, res) => {
    await revokeCalendarFeed(deps, principalOf(res), userOf(req.params));
    res.status(204).end();
  });
  return router;
}
