import { Router } from "express";
import { z } from "zod";
import { adfErrors, renderAdf } from "../../formats/adf/postmortem-adf.ts";
import { renderStorage } from "../../formats/confluence-storage/postmortem-storage.ts";
import { renderMarkdown } from "../../formats/markdown/postmortem-markdown.ts";
import { ticketSiteUrl } from "../../usecases/postmortem/postmortem-deps.ts";
import { previewPostmortem } from "../../usecases/postmortem/preview-postmortem.ts";
import { requestPostmortem } from "../../usecases/postmortem/request-postmortem.ts";
import { setReviewStatus } from "../../usecases/postmortem/set-review-status.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import { findIncident } from "../../usecases/shared/find-incident.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf, requireRole } from "../middleware/authenticate.ts";
import { presentActionItem, presentPostmortem } from "../presenters.ts";
import { refOf } from "./incident-ref.ts";
import { reviewStatusBody } from "./incident-requests.ts";
import { requireIntegration } from "../integration-states.ts";

const previewQuery = z.strictObject({ format: z.enum(["adf", "storage", "markdown"]).default("adf") });

/** `/api/incidents/{ref}/postmortem`: the incident's postmortem, its preview and its review status. */
export function postmortemRouter(ctx: WebContext): Router {
  const router = Router({ mergeParams: true });
  const deps = {
    uow: ctx.uow,
    clock: ctx.clock,
    templates: ctx.templates,
    publicUrl: ctx.publicUrl,
    tickets: ctx.tickets,
    documents: ctx.documents,
  };

  router.get("/preview", async (req, res) => {
    const { format } = parseOrThrow(previewQuery, req.query, "query");
    const document = await previewPostmortem(deps, principalOf(res), refOf(req));
    if (format === "storage") return void res.type("application/xhtml+xml").send(renderStorage(document));
    if (format === "markdown") return void res.type("text/markdown").send(renderMarkdown(document));
    const adf = renderAdf(document);
    const errors = adfErrors(adf);
    // Never hand out (or write) a body Confluence would refuse.
    if (errors.length) throw new Error(`rendered ADF is invalid: ${errors.join("; ")}`);
    res.json({ title: document.title, labels: document.labels, body: adf });
  });

  // Creates the Confluence page the first time, refreshes it afterwards; the job does the writing.
  router.post("/", async (req, res) => {
    const by = requireRole(res, "responder");
    await requireIntegration(ctx, by.tenantId, "confluence", "publishing the postmortem to Confluence");
    res.status(202).json(presentPostmortem(await requestPostmortem(deps, by, refOf(req))));
  });

  router.get("/", async (req, res) => {
    const tenantId = principalOf(res).tenantId;
    const found = await ctx.uow.run(async (tx) => {
      const incident = await findIncident(tx, tenantId, refOf(req));
      return { postmortem: await tx.postmortems.get(incident.id), items: await tx.postmortems.itemsOf(incident.id) };
    });
    if (!found.postmortem) throw new NotFoundUseCaseError("postmortem", refOf(req));
    const site = await ticketSiteUrl(ctx.tickets, tenantId);
    res.json({
      ...presentPostmortem(found.postmortem),
      actionItems: found.items.map((i) => presentActionItem(i, site, ctx.clock.now())),
    });
  });

  router.patch("/", async (req, res) => {
    const { status } = parseOrThrow(reviewStatusBody, req.body ?? {});
    res.json(presentPostmortem(await setReviewStatus(deps, requireRole(res, "responder"), refOf(req), status)));
  });
  return router;
}
