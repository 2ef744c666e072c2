import { Router } from "express";
import { z } from "zod";
import { CONTACT_KINDS } from "../../domain/contact-address.ts";
import { USER_ROLES } from "../../domain/principal.ts";
import { addContactMethod } from "../../usecases/oncall/add-contact-method.ts";
import { createUser } from "../../usecases/oncall/create-user.ts";
import { presentUser, updateUser } from "../../usecases/oncall/update-user.ts";
import { isIanaTimeZone } from "../../domain/oncall/local-time.ts";
import { calendarOfPerson } from "../../usecases/oncall/calendar-feeds.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { BY_NAME, readPage } from "../paging.ts";
import { calendarWindow, id, namingField } from "./oncall-requests.ts";
import { contactMethodsRouter } from "./contact-methods-router.ts";
import { sendCalendar } from "./calendar-feeds-router.ts";

// RFC 5321 §4.5.3.1.3: a path, and so an address, has at most 256 octets including the angle brackets.
const timeZone = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, { error: 'must be an IANA time zone name such as "America/Chicago"' });
const userBody = z.strictObject({
  name: z.string().trim().min(1).max(255),
  email: z.email().max(254),
  role: z.enum(USER_ROLES).optional(),
  timeZone: timeZone.optional(),
});
const userChanges = userBody
  .partial()
  .extend({ active: z.boolean().optional() })
  .refine((c) => Object.keys(c).length > 0, { error: "give at least one of name, email, role, timeZone, active" });
const contactBody = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  address: z.string().trim().min(1).max(2048),
  delayMinutes: z.number().int().min(0).max(1_440).nullable().optional(),
});

/** `/api/users`: people, how to reach them, and each one's on-call calendar feed. */
export function usersRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.post("/", async (req, res) => {
    res.status(201).json(await createUser(deps, principalOf(res), parseOrThrow(userBody, req.body)));
  });
  router.get("/", async (req, res) => {
    const tenantId = principalOf(res).tenantId;
    const page = await readPage(req.query, BY_NAME, (p) => ctx.uow.run((tx) => tx.oncall.pageUsers(tenantId, p)));
    res.json({ users: page.items, nextCursor: page.nextCursor });
  });
  router.get("/:id", async (req, res) => {
    const userId = parseOrThrow(id, req.params.id, "user id");
    const user = await ctx.uow.run((tx) => tx.oncall.findUser(principalOf(res).tenantId, userId));
    if (!user) throw new NotFoundUseCaseError("user", userId);
    res.json(presentUser(user));
  });
  router.patch("/:id", async (req, res) => {
    const userId = parseOrThrow(id, req.params.id, "user id");
    res.json(await updateUser(deps, principalOf(res), userId, parseOrThrow(userChanges, req.body)));
  });
  // Deactivates: pages, timelines and schedules keep naming the person; they are never paged again and their
  // tokens are revoked. PATCH {"active": true} brings them back.
  router.delete("/:id", async (req, res) => {
    const userId = parseOrThrow(id, req.params.id, "user id");
    res.json(await updateUser(deps, principalOf(res), userId, { active: false }));
  });
  router.use("/:id/contact-methods", contactMethodsRouter(ctx));
  router.post("/:id/contact-methods", async (req, res) => {
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

  // One person's on-call across every schedule (calendar apps use the secret URL of calendar-feeds-router.ts).
  router.get("/:id/oncall.ics", async (req, res) => {
    const userId = parseOrThrow(id, req.params.id, "user id");
    const window = calendarWindow(req.query); // a bad window is a 400 whoever the person is
    sendCalendar(res, await calendarOfPerson(deps, principalOf(res), userId), window);
  });
  return router;
}
