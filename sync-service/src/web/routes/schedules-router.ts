import { Router } from "express";
import { z } from "zod";
import { scheduleCalendar } from "../../formats/ical/schedule-ical.ts";
import { shifts } from "../../domain/oncall/oncall.ts";
import { addOverride } from "../../usecases/oncall/add-override.ts";
import { listScheduleSummaries } from "../../usecases/oncall/list-schedule-summaries.ts";
import { removeOverride } from "../../usecases/oncall/remove-override.ts";
import { saveSchedule } from "../../usecases/oncall/save-schedule.ts";
import { storedSchedule } from "../../usecases/oncall/stored-schedule.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { BY_NAME, readPage } from "../paging.ts";
import { presentSchedule } from "../presenters.ts";
import { calendarWindow, id, namingField, overrideBody } from "./oncall-requests.ts";

// The rest of the body is the schedule itself, which parseSchedule validates (and bounds: SCHEDULE_LIMITS).
const scheduleBody = z.looseObject({ name: z.string().trim().min(1).max(255) });
const overrideIndex = z.string().regex(/^\d{1,6}$/, "must be the override's position, a whole number from 0");

/** `/api/schedules`: schedules as data (docs/schedules.md), who is on call when, overrides and calendar feeds. */
export function schedulesRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };
  const schedule = async (tenantId: string, raw: string) => {
    const found = await ctx.uow.run((tx) => tx.oncall.findSchedule(tenantId, parseOrThrow(id, raw, "schedule id")));
    if (!found) throw new NotFoundUseCaseError("schedule", raw);
    return found;
  };

  router.get("/", async (req, res) => {
    const page = await readPage(req.query, BY_NAME, (p) => listScheduleSummaries(deps, principalOf(res), p));
    res.json({ schedules: page.items, nextCursor: page.nextCursor });
  });
  router.post("/", async (req, res) => {
    const { name, ...definition } = parseOrThrow(scheduleBody, req.body);
    const saved = await namingField(saveSchedule(deps, principalOf(res), null, name, definition));
    res.status(201).location(`/api/schedules/${saved.id}`).json(presentSchedule(saved));
  });
  router.put("/:id", async (req, res) => {
    const { name, ...definition } = parseOrThrow(scheduleBody, req.body);
    const saved = await namingField(
      saveSchedule(deps, principalOf(res), parseOrThrow(id, req.params.id, "schedule id"), name, definition),
    );
    res.json(presentSchedule(saved));
  });
  router.get("/:id", async (req, res) => {
    res.json(presentSchedule(await schedule(principalOf(res).tenantId, req.params.id)));
  });
  router.get("/:id/oncall", async (req, res) => {
    const found = await schedule(principalOf(res).tenantId, req.params.id);
    const { from, to } = calendarWindow(req.query);
    res.json({ shifts: shifts(storedSchedule(found), from, to) });
  });
  router.post("/:id/overrides", async (req, res) => {
    const scheduleId = parseOrThrow(id, req.params.id, "schedule id");
    const { replaces, add, ...rest } = parseOrThrow(overrideBody, req.body);
    const override = add ? { ...rest, add } : replaces ? { ...rest, replaces } : rest;
    const saved = await namingField(addOverride(deps, principalOf(res), scheduleId, override));
    res.status(201).json(presentSchedule(saved));
  });
  router.delete("/:id/overrides/:index", async (req, res) => {
    const scheduleId = parseOrThrow(id, req.params.id, "schedule id");
    const index = Number(parseOrThrow(overrideIndex, req.params.index, "override index"));
    res.json(presentSchedule(await removeOverride(deps, principalOf(res), scheduleId, index)));
  });
  router.get("/:id/ical", async (req, res) => {
    const found = await schedule(principalOf(res).tenantId, req.params.id);
    const { from, to, user } = calendarWindow(req.query);
    res
      .type("text/calendar")
      .send(scheduleCalendar(storedSchedule(found), { from, to, name: found.name, forUser: user }));
  });
  return router;
}
