import { Router } from "express";
import { z } from "zod";
import { scheduleCalendar, userCalendar } from "../../adapters/ical/schedule-ical.ts";
import { POLICY_LIMITS } from "../../domain/escalation-policy.ts";
import { shifts } from "../../domain/oncall/oncall.ts";
import { InvalidScheduleDomainError, SCHEDULE_LIMITS } from "../../domain/oncall/schedule.ts";
import { CONTACT_KINDS, InvalidContactAddressDomainError } from "../../domain/contact-address.ts";
import { USER_ROLES } from "../../domain/principal.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import { addContactMethod } from "../../usecases/oncall/add-contact-method.ts";
import { addOverride } from "../../usecases/oncall/add-override.ts";
import { createUser } from "../../usecases/oncall/create-user.ts";
import { listScheduleSummaries } from "../../usecases/oncall/list-schedule-summaries.ts";
import { UnknownPersonUseCaseError } from "../../usecases/oncall/oncall-errors.ts";
import { removeOverride } from "../../usecases/oncall/remove-override.ts";
import { savePolicy } from "../../usecases/oncall/save-policy.ts";
import { saveSchedule } from "../../usecases/oncall/save-schedule.ts";
import { readStoredSchedule, storedSchedule } from "../../usecases/oncall/stored-schedule.ts";
import type { WebContext } from "../context.ts";
import { BadRequestWebError, parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { BY_NAME, readPage } from "../paging.ts";
import { instant } from "../schemas.ts";
import { DAY_MS } from "../../domain/clock.ts";

// RFC 5321 §4.5.3.1.3: a path, and so an address, has at most 256 octets including the angle brackets.
const userBody = z.strictObject({
  name: z.string().trim().min(1).max(255),
  email: z.email().max(254),
  role: z.enum(USER_ROLES).optional(),
});
const contactBody = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  address: z.string().trim().min(1).max(2048),
  delayMinutes: z.number().int().min(0).max(1_440).nullable().optional(),
});
// The rest of the body is the schedule itself, which parseSchedule validates (and bounds: SCHEDULE_LIMITS).
const scheduleBody = z.looseObject({ name: z.string().trim().min(1).max(255) });
const target = z.strictObject({ type: z.enum(["user", "schedule"]), id: z.uuid() });
const policyLevel = z.strictObject({
  delayMinutes: z.number().int().min(1).max(POLICY_LIMITS.delayMinutes),
  targets: z
    .array(target)
    .min(1)
    .max(POLICY_LIMITS.targetsPerLevel, `a level has at most ${POLICY_LIMITS.targetsPerLevel} targets`),
});
const policyBody = z.strictObject({
  name: z.string().trim().min(1).max(255),
  repeat: z.number().int().min(0).max(5).optional(),
  levels: z.array(policyLevel).min(1).max(POLICY_LIMITS.levels, `a policy has at most ${POLICY_LIMITS.levels} levels`),
});
const id = z.uuid({ error: "must be an id (a UUID)" });
const range = z.object({ from: instant(), to: instant(), user: z.string().max(SCHEDULE_LIMITS.idLength).optional() });
const MAX_RANGE_MS = 400 * DAY_MS;
const overrideBody = z
  .strictObject({
    user: z
      .string({ error: "choose who covers (a user id)" })
      .trim()
      .min(1, "choose who covers (a user id)")
      .max(SCHEDULE_LIMITS.idLength, `a user id has at most ${SCHEDULE_LIMITS.idLength} characters`),
    replaces: z
      .string()
      .trim()
      .min(1, "give the user id being replaced, or leave it out")
      .max(SCHEDULE_LIMITS.idLength, `a user id has at most ${SCHEDULE_LIMITS.idLength} characters`)
      .nullish(),
    start: instant(),
    end: instant(),
  })
  .superRefine((o, issue) => {
    const ms = Date.parse(o.end) - Date.parse(o.start);
    if (Number.isNaN(ms)) return;
    if (ms <= 0) issue.addIssue({ code: "custom", path: ["end"], message: "must be after the start" });
    else if (ms > MAX_RANGE_MS)
      issue.addIssue({ code: "custom", path: ["end"], message: "must be at most 400 days after the start" });
  });
const overrideIndex = z.string().regex(/^\d{1,6}$/, "must be the override's position, a whole number from 0");

/** Re-raises an error about fields of the request (an unknown person, a bad address, a bad schedule field) as a request error on them, for forms. */
async function namingField<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UnknownPersonUseCaseError || error instanceof InvalidContactAddressDomainError) {
      throw new BadRequestWebError(error.code, error.message, [
        { path: error.field, message: error.message.replace(/^`\w+`: /, "") },
      ]);
    }
    if (error instanceof InvalidScheduleDomainError)
      throw new BadRequestWebError(error.code, error.message, error.problems);
    throw error;
  }
}

/** People and how to reach them, schedules (docs/schedules.md), and escalation policies. */
export function onCallRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };
  const schedule = async (tenantId: string, raw: string) => {
    const found = await ctx.uow.run((tx) => tx.oncall.findSchedule(tenantId, parseOrThrow(id, raw, "schedule id")));
    if (!found) throw new NotFoundUseCaseError("schedule", raw);
    return found;
  };
  const window = (query: unknown) => {
    const r = parseOrThrow(range, query, "query string");
    const from = new Date(r.from);
    const to = new Date(r.to);
    if (!(to > from) || to.getTime() - from.getTime() > MAX_RANGE_MS)
      throw new BadRequestWebError("REQUEST.INVALID", "`to` must be after `from`, at most 400 days later.");
    return { from, to, user: r.user };
  };

  router.post("/users", async (req, res) => {
    res.status(201).json(await createUser(deps, principalOf(res), parseOrThrow(userBody, req.body)));
  });
  router.get("/users", async (req, res) => {
    const tenantId = principalOf(res).tenantId;
    const page = await readPage(req.query, BY_NAME, (p) => ctx.uow.run((tx) => tx.oncall.pageUsers(tenantId, p)));
    res.json({ users: page.items, nextCursor: page.nextCursor });
  });
  router.post("/users/:id/contact-methods", async (req, res) => {
    const userId = parseOrThrow(id, req.params.id, "user id");
    res
      .status(201)
      .json(
        await namingField(
          addContactMethod(
            { ...deps, outbound: ctx.outbound },
            principalOf(res),
            userId,
            parseOrThrow(contactBody, req.body),
          ),
        ),
      );
  });

  // One person's on-call across every schedule, for their calendar app.
  router.get("/users/:id/oncall.ics", async (req, res) => {
    const tenantId = principalOf(res).tenantId;
    const userId = parseOrThrow(id, req.params.id, "user id");
    const { from, to } = window(req.query);
    const { user, schedules } = await ctx.uow.run(async (tx) => ({
      user: await tx.oncall.findUser(tenantId, userId),
      schedules: await tx.oncall.listSchedules(tenantId),
    }));
    if (!user) throw new NotFoundUseCaseError("user", userId);
    // A broken schedule is left out of the feed (GET /api/schedules says why), not the whole feed with it.
    const readable = schedules.flatMap((s) => {
      const read = readStoredSchedule(s);
      return "schedule" in read ? [{ id: s.id, name: s.name, schedule: read.schedule }] : [];
    });
    const feed = userCalendar(readable, userId, { from, to, name: `On call: ${user.name}` });
    res.type("text/calendar").send(feed);
  });

  router.get("/schedules", async (req, res) => {
    const page = await readPage(req.query, BY_NAME, (p) => listScheduleSummaries(deps, principalOf(res), p));
    res.json({ schedules: page.items, nextCursor: page.nextCursor });
  });
  router.post("/schedules", async (req, res) => {
    const { name, ...definition } = parseOrThrow(scheduleBody, req.body);
    const saved = await namingField(saveSchedule(deps, principalOf(res), null, name, definition));
    res
      .status(201)
      .location(`/api/schedules/${saved.id}`)
      .json({ id: saved.id, name: saved.name, ...(saved.definition as object) });
  });
  router.put("/schedules/:id", async (req, res) => {
    const { name, ...definition } = parseOrThrow(scheduleBody, req.body);
    const saved = await namingField(
      saveSchedule(deps, principalOf(res), parseOrThrow(id, req.params.id, "schedule id"), name, definition),
    );
    res.json({ id: saved.id, name: saved.name, ...(saved.definition as object) });
  });
  router.get("/schedules/:id", async (req, res) => {
    const found = await schedule(principalOf(res).tenantId, req.params.id);
    res.json({ id: found.id, name: found.name, ...(found.definition as object) });
  });
  router.get("/schedules/:id/oncall", async (req, res) => {
    const found = await schedule(principalOf(res).tenantId, req.params.id);
    const { from, to } = window(req.query);
    res.json({ shifts: shifts(storedSchedule(found), from, to) });
  });
  router.post("/schedules/:id/overrides", async (req, res) => {
    const scheduleId = parseOrThrow(id, req.params.id, "schedule id");
    const { replaces, ...rest } = parseOrThrow(overrideBody, req.body);
    const saved = await namingField(
      addOverride(deps, principalOf(res), scheduleId, replaces ? { ...rest, replaces } : rest),
    );
    res.status(201).json({ id: saved.id, name: saved.name, ...(saved.definition as object) });
  });
  router.delete("/schedules/:id/overrides/:index", async (req, res) => {
    const scheduleId = parseOrThrow(id, req.params.id, "schedule id");
    const index = Number(parseOrThrow(overrideIndex, req.params.index, "override index"));
    const saved = await removeOverride(deps, principalOf(res), scheduleId, index);
    res.json({ id: saved.id, name: saved.name, ...(saved.definition as object) });
  });
  router.get("/schedules/:id/ical", async (req, res) => {
    const found = await schedule(principalOf(res).tenantId, req.params.id);
    const { from, to, user } = window(req.query);
    res
      .type("text/calendar")
      .send(scheduleCalendar(storedSchedule(found), { from, to, name: found.name, forUser: user }));
  });

  router.post("/escalation-policies", async (req, res) => {
    res.status(201).json(await savePolicy(deps, principalOf(res), null, parseOrThrow(policyBody, req.body)));
  });
  router.put("/escalation-policies/:id", async (req, res) => {
    res.json(
      await savePolicy(
        deps,
        principalOf(res),
        parseOrThrow(id, req.params.id, "policy id"),
        parseOrThrow(policyBody, req.body),
      ),
    );
  });
  router.get("/escalation-policies/:id", async (req, res) => {
    const policy = await ctx.uow.run((tx) =>
      tx.oncall.findPolicy(principalOf(res).tenantId, parseOrThrow(id, req.params.id, "policy id")),
    );
    if (!policy) throw new NotFoundUseCaseError("policy", req.params.id);
    res.json(policy);
  });
  return router;
}
