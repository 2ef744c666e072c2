import { Router } from "express";
import { z } from "zod";
import { INCIDENT_STATUSES } from "../../domain/incident.ts";
import { SEVERITIES } from "../../domain/severity.ts";
import { addNote } from "../../usecases/incidents/add-note.ts";
import { changeIncidentStatus } from "../../usecases/incidents/change-incident-status.ts";
import { declareIncident } from "../../usecases/incidents/declare-incident.ts";
import { findIncident } from "../../usecases/shared/find-incident.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf, requireRole } from "../middleware/authenticate.ts";
import { bridgeFor } from "../../usecases/crisis/bridge.ts";
import { presentAlert, presentIncident, presentLinkedIssue, presentTimelineEntry } from "../presenters.ts";
import { updateIncident } from "../../usecases/incidents/edit-incident.ts";
import { newIssueProject } from "../../usecases/tickets/new-issue-project.ts";
import { requestLinkedIssue } from "../../usecases/tickets/request-linked-issue.ts";
import { ticketSiteUrl } from "../../usecases/postmortem/postmortem-deps.ts";
import {
  requireBrowsableIncident,
  requireBrowsableIssue,
  requireIssueCreation,
  visibleIncidents,
} from "./issue-access.ts";
import { declareIncidentBody, editIncidentBody, linkIssueBody, noteBody } from "./incident-requests.ts";
import { requireIntegration } from "../integration-states.ts";

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).max(values.length, `name each of ${values.join(", ")} at most once`))
    .optional();

const listQuery = z.object({
  status: csv(INCIDENT_STATUSES),
  severity: csv(SEVERITIES),
  serviceId: z.uuid().optional(),
  drill: z.enum(["true", "false"], { error: "is true or false" }).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // Incident numbers are a 32-bit integer column: a larger cursor could name no incident, and the query would fail.
  cursor: z.coerce.number().int().min(1).max(2_147_483_647, "is not a cursor this API gave out").optional(),
});

export function incidentsRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock, tickets: ctx.tickets };

  router.post("/", async (req, res) => {
    const by = requireRole(res, "responder");
    const body = parseOrThrow(declareIncidentBody, req.body);
    if (body.fromIssueKey !== undefined) await requireBrowsableIssue(ctx, by, body.fromIssueKey);
    const incident = await declareIncident(deps, by, body);
    res.status(201).location(`/api/incidents/${incident.id}`).json(presentIncident(incident, ctx.publicUrl));
  });

  router.get("/", async (req, res) => {
    const query = parseOrThrow(listQuery, req.query, "query string");
    const tenantId = principalOf(res).tenantId;
    const incidents = await ctx.uow.run((tx) =>
      tx.incidents.list({
        tenantId,
        statuses: query.status,
        severities: query.severity,
        serviceId: query.serviceId,
        drill: query.drill === undefined ? undefined : query.drill === "true",
        text: query.q || undefined,
        beforeNumber: query.cursor,
        limit: query.limit,
      }),
    );
    const last = incidents.at(-1);
    // An incident linked to an issue the caller may not browse is left out (its title is often the issue's
    // summary); the cursor still follows the whole page, so paging goes on past it.
    const shown = await visibleIncidents(ctx, principalOf(res), incidents);
    res.json({
      incidents: shown.map((i) => presentIncident(i, ctx.publicUrl)),
      nextCursor: incidents.length === query.limit && last ? String(last.number) : null,
    });
  });

  router.get("/:ref", async (req, res) => {
    const tenantId = principalOf(res).tenantId;
    await requireBrowsableIncident(ctx, principalOf(res), req.params.ref);
    const { incident, alerts, bridge } = await ctx.uow.run(async (tx) => {
      const incident = await findIncident(tx, tenantId, req.params.ref);
      return { incident, alerts: await tx.alerts.listOf(incident.id), bridge: await bridgeFor(tx, incident) };
    });
    res.json({
      ...presentIncident(incident, ctx.publicUrl),
      conferenceBridge: bridge,
      alerts: alerts.map(presentAlert),
    });
  });

  router.post("/:ref/notes", async (req, res) => {
    const by = requireRole(res, "responder");
    const { body } = parseOrThrow(noteBody, req.body);
    res.status(201).json(presentTimelineEntry(await addNote(deps, by, req.params.ref, body)));
  });

  router.patch("/:ref", async (req, res) => {
    const by = requireRole(res, "responder");
    res.json(
      presentIncident(
        await updateIncident(deps, by, req.params.ref, parseOrThrow(editIncidentBody, req.body)),
        ctx.publicUrl,
      ),
    );
  });

  router.post("/:ref/jira-issues", async (req, res) => {
    const by = requireRole(res, "responder");
    const body = parseOrThrow(linkIssueBody, req.body ?? {});
    await requireIntegration(ctx, by.tenantId, "jira", "creating or linking a Jira issue");
    const request =
      "issueKey" in body ? { kind: "link" as const, issueKey: body.issueKey } : { kind: "create" as const, ...body };
    if (request.kind === "link") await requireBrowsableIssue(ctx, by, request.issueKey);
    else await requireIssueCreation(ctx, by, await newIssueProject(deps, by, req.params.ref, request.projectKey));
    const link = await requestLinkedIssue(deps, by, req.params.ref, request);
    res.status(202).json(presentLinkedIssue(link, await ticketSiteUrl(ctx.tickets, by.tenantId)));
  });

  router.get("/:ref/jira-issues", async (req, res) => {
    const tenantId = principalOf(res).tenantId;
    await requireBrowsableIncident(ctx, principalOf(res), req.params.ref);
    const links = await ctx.uow.run(async (tx) =>
      tx.links.listOf((await findIncident(tx, tenantId, req.params.ref)).id),
    );
    const siteUrl = await ticketSiteUrl(ctx.tickets, tenantId);
    res.json({ issues: links.map((l) => presentLinkedIssue(l, siteUrl)) });
  });

  for (const change of ["acknowledge", "resolve"] as const) {
    router.post(`/:ref/${change}`, async (req, res) => {
      const by = requireRole(res, "responder");
      res.json(presentIncident(await changeIncidentStatus(deps, by, req.params.ref, change), ctx.publicUrl));
    });
  }
  return router;
}
