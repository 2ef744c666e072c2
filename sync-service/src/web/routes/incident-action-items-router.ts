import { Router } from "express";
import { actionItemProject } from "../../usecases/postmortem/action-item-project.ts";
import { createActionItem } from "../../usecases/postmortem/create-action-item.ts";
import { ticketSiteUrl } from "../../usecases/postmortem/postmortem-deps.ts";
import { findIncident } from "../../usecases/shared/find-incident.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf, requireRole } from "../middleware/authenticate.ts";
import { presentActionItem } from "../presenters.ts";
import { refOf } from "./incident-ref.ts";
import { requireIssueCreation } from "./issue-access.ts";
import { actionItemBody } from "./incident-requests.ts";

/** `/api/incidents/{ref}/action-items`: the follow-up Jira issues of the incident's postmortem. */
export function incidentActionItemsRouter(ctx: WebContext): Router {
  const router = Router({ mergeParams: true });
  const deps = {
    uow: ctx.uow,
    clock: ctx.clock,
    tickets: ctx.tickets,
    publicUrl: ctx.publicUrl,
    actionItemSla: ctx.actionItemSla,
  };

  router.post("/", async (req, res) => {
    const body = parseOrThrow(actionItemBody, req.body ?? {});
    const by = requireRole(res, "responder");
    const project = await actionItemProject(deps, by, refOf(req));
    if (project) await requireIssueCreation(ctx, by, project);
    const item = await createActionItem(deps, by, refOf(req), body);
    res.status(202).json(presentActionItem(item, await ticketSiteUrl(ctx.tickets, by.tenantId), ctx.clock.now()));
  });

  router.get("/", async (req, res) => {
    const tenantId = principalOf(res).tenantId;
    const items = await ctx.uow.run(async (tx) =>
      tx.postmortems.itemsOf((await findIncident(tx, tenantId, refOf(req))).id),
    );
    const site = await ticketSiteUrl(ctx.tickets, tenantId);
    res.json({ actionItems: items.map((i) => presentActionItem(i, site, ctx.clock.now())) });
  });
  return router;
}
