import { Router } from "express";
import { z } from "zod";
import { TIMELINE_SOURCES } from "../../domain/timeline.ts";
import { changeTimelineEntry } from "../../usecases/incidents/change-timeline-entry.ts";
import { MAX_TIMELINE_PAGE, readTimeline } from "../../usecases/incidents/read-timeline.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { refOf } from "./incident-ref.ts";
import { principalOf, requireRole } from "../middleware/authenticate.ts";
import { presentTimelineEntry } from "../presenters.ts";
import { requireBrowsableIncident } from "./issue-access.ts";
import { timelineEntryChanges } from "./incident-requests.ts";

const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50, "name at most 50 values"));

const timelineQuery = z.strictObject({
  source: list(z.enum(TIMELINE_SOURCES as [string, ...string[]])).optional(),
  type: list(
    z
      .string()
      .max(64)
      .regex(/^[a-z]+(\.[a-z_]+)?$/, "is not a timeline entry type such as chat.message"),
  ).optional(),
  keyMoment: z.enum(["true", "false"]).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_TIMELINE_PAGE).optional(),
});

/** `/api/incidents/{ref}/timeline`: the timeline, filtered and paged; key moments and note edits. */
export function timelineRouter(ctx: WebContext): Router {
  const router = Router({ mergeParams: true });
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.get("/", async (req, res) => {
    const q = parseOrThrow(timelineQuery, req.query, "query");
    await requireBrowsableIncident(ctx, principalOf(res), refOf(req));
    const page = await readTimeline(deps, principalOf(res), refOf(req), {
      ...(q.source ? { sources: q.source as never } : {}),
      ...(q.type ? { types: q.type } : {}),
      keyMomentsOnly: q.keyMoment === "true",
      ...(q.cursor ? { cursor: q.cursor } : {}),
      ...(q.limit ? { limit: q.limit } : {}),
    });
    res.json({ entries: page.entries.map(presentTimelineEntry), nextCursor: page.nextCursor });
  });

  router.patch("/:entryId", async (req, res) => {
    const by = requireRole(res, "responder");
    const entryId = parseOrThrow(
      z.uuid({ error: "must be a timeline entry id (a UUID)" }),
      req.params.entryId,
      "entry id",
    );
    const entry = await changeTimelineEntry(
      deps,
      by,
      refOf(req),
      entryId,
      parseOrThrow(timelineEntryChanges, req.body ?? {}),
    );
    res.json(presentTimelineEntry(entry));
  });
  return router;
}
