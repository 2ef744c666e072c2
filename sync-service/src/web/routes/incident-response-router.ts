import { Router } from "express";
import { z } from "zod";
import { addResponder } from "../../usecases/paging/add-responder.ts";
import { escalateNow } from "../../usecases/paging/escalate-now.ts";
import { incidentResponse, type IncidentResponse } from "../../usecases/paging/incident-response.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf, requireRole } from "../middleware/authenticate.ts";
import { refOf } from "./incident-ref.ts";
import { requireBrowsableIncident } from "./issue-access.ts";

/** `POST /api/incidents/{ref}/responders`: a person, a team's members, or whoever a schedule has on call now. */
export const responderBody = z.union(
  [
    z.strictObject({ userId: z.uuid({ error: "must be a user id (a UUID)" }) }),
    z.strictObject({ teamId: z.uuid({ error: "must be a team id (a UUID)" }) }),
    z.strictObject({ scheduleId: z.uuid({ error: "must be a schedule id (a UUID)" }) }),
  ],
  { error: "give one of `userId` (a person), `teamId` (each member) or `scheduleId` (whoever is on call there)" },
);

/**
 * The response to one incident: `GET …/response` (who it pages, where the escalation stands, every page sent),
 * `POST …/escalate` (the next level now) and `POST …/responders` (page someone beside the policy).
 */
export function incidentResponseRouter(ctx: WebContext): Router {
  const router = Router({ mergeParams: true });
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.get("/response", async (req, res) => {
    await requireBrowsableIncident(ctx, principalOf(res), refOf(req));
    res.json(presentResponse(await incidentResponse(deps, principalOf(res), refOf(req))));
  });

  router.post("/escalate", async (req, res) => {
    res.status(202).json(await escalateNow(deps, requireRole(res, "responder"), refOf(req)));
  });

  router.post("/responders", async (req, res) => {
    const by = requireRole(res, "responder");
    res.status(202).json(await addResponder(deps, by, refOf(req), parseOrThrow(responderBody, req.body ?? {})));
  });
  return router;
}

/** The answer of `GET /api/incidents/{ref}/response` (api-types.ts names it for the console). */
export function presentResponse(r: IncidentResponse) {
  return {
    service: r.service,
    escalationPolicy: r.escalationPolicy,
    pagesNobody: r.pagesNobody,
    levels: r.levels,
    currentLevel: r.currentLevel,
    round: r.round,
    nextEscalation: r.nextEscalation && { level: r.nextEscalation.level, at: r.nextEscalation.at.toISOString() },
    pages: r.pages.map(({ page, user, channel, acknowledged }) => ({
      id: page.id,
      user,
      channel,
      // Null for a responder added by hand: no level of the policy paged them.
      level: page.level < 0 ? null : page.level + 1,
      at: page.createdAt?.toISOString() ?? null,
      state: page.state,
      error: page.error,
      acknowledged,
    })),
  };
}
