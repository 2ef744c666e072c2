// The service side of the Forge app's UI Kit resolvers (`POST /forge/resolvers/{name}`). The app's
// resolver function has checked, as the user, that the user may see (or edit) the issue or page; here
// every read and write is the caller's tenant's, so an id from another site finds nothing.
import { z } from "zod";
import { incidentKey, MAX_TITLE_LENGTH, type Incident } from "../../domain/incident.ts";
import { SEVERITIES } from "../../domain/severity.ts";
import { actionItemProject } from "../../usecases/postmortem/action-item-project.ts";
import { createActionItem } from "../../usecases/postmortem/create-action-item.ts";
import { requireIssueCreation } from "../routes/issue-access.ts";
import { declareIncident } from "../../usecases/incidents/declare-incident.ts";
import { incidentsOfIssue } from "../../usecases/access/incidents-of-issue.ts";
import { postmortemOfPage } from "../../usecases/access/postmortem-of-page.ts";
import { ticketSiteUrl } from "../../usecases/postmortem/postmortem-deps.ts";
import { requestLinkedIssue } from "../../usecases/tickets/request-linked-issue.ts";
import { incidentPath } from "../../formats/forge/global-page.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { presentActionItem, presentLinkedIssue } from "../presenters.ts";
import { calendarDate } from "../schemas.ts";
import { ADMIN_RESOLVERS } from "./forge-admin-resolvers.ts";
import type { ConsoleLinks, ForgeResolver } from "./forge-resolver.ts";

const issueRef = z.strictObject({
  id: z.string().max(20).regex(/^\d+$/, "must be a Jira issue id"),
  key: z
    .string()
    .max(255)
    .regex(/^[A-Z][A-Z0-9_]+-\d+$/, "must be a Jira issue key"),
});
const incidentRef = z.string().trim().min(1).max(64);

const bodies = {
  issue: z.strictObject({ issue: issueRef }),
  declare: z.strictObject({
    issue: issueRef,
    title: z.string().trim().min(1, "must not be blank").max(MAX_TITLE_LENGTH).optional(),
    severity: z.enum(SEVERITIES),
    serviceId: z.uuid().optional(),
  }),
  link: z.strictObject({ issue: issueRef, incident: incidentRef }),
  actionItem: z.strictObject({
    incident: incidentRef,
    title: z.string().trim().min(1, "must not be blank").max(255),
    dueDate: calendarDate().optional(),
    description: z.string().max(10_000).optional(),
  }),
  page: z.strictObject({ pageId: z.string().max(20).regex(/^\d+$/, "must be a Confluence page id") }),
};

/** An incident as the modules list it; `url` opens it in the console inside Jira. */
function incidentSummary(incident: Incident, links: ConsoleLinks) {
  const key = incidentKey(incident);
  return {
    id: incident.id,
    key,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    url: links.url(incidentPath(key)),
  };
}

const actionItemDeps = (ctx: WebContext) => ({
  uow: ctx.uow,
  clock: ctx.clock,
  tickets: ctx.tickets,
  publicUrl: ctx.publicUrl,
  actionItemSla: ctx.actionItemSla,
});

export const FORGE_RESOLVERS: Readonly<Record<string, ForgeResolver>> = {
  /** The issue panel: incidents linked to the issue, and the open ones it could be linked to. */
  async "issue-panel"(ctx, by, body, links) {
    const { issue } = parseOrThrow(bodies.issue, body);
    const linked = await incidentsOfIssue(ctx, by, issue);
    const open = await ctx.uow.run((tx) =>
      tx.incidents.list({ tenantId: by.tenantId, statuses: ["triggered", "acknowledged"], limit: 50 }),
    );
    return {
      incidents: linked.map((l) => ({
        ...incidentSummary(l.incident, links),
        owner: l.ownerName,
        isOrigin: l.link.isOrigin,
      })),
      openIncidents: open
        .filter((o) => !linked.some((l) => l.incident.id === o.id))
        .map((o) => incidentSummary(o, links)),
      role: by.role,
    };
  },

  /** "Declare incident" on the issue: the issue becomes the incident's origin. */
  async "declare-incident"(ctx, by, body, links) {
    const input = parseOrThrow(bodies.declare, body);
    const incident = await declareIncident(ctx, by, {
      fromIssueKey: input.issue.key,
      title: input.title,
      severity: input.severity,
      serviceId: input.serviceId,
    });
    return { incident: incidentSummary(incident, links) };
  },

  /** "Link to incident": links the issue to an open incident. */
  async "link-incident"(ctx, by, body) {
    const input = parseOrThrow(bodies.link, body);
    const link = await requestLinkedIssue(ctx, by, input.incident, { kind: "link", issueKey: input.issue.key });
    return { link: presentLinkedIssue(link, await ticketSiteUrl(ctx.tickets, by.tenantId)) };
  },

  /** "Create action item": a follow-up Jira issue in the backlog, tracked on the incident's postmortem. */
  async "create-action-item"(ctx, by, body) {
    const { incident, ...input } = parseOrThrow(bodies.actionItem, body);
    const project = await actionItemProject(actionItemDeps(ctx), by, incident);
    if (project) await requireIssueCreation(ctx, by, project);
    const item = await createActionItem(actionItemDeps(ctx), by, incident, input);
    return { actionItem: presentActionItem(item, await ticketSiteUrl(ctx.tickets, by.tenantId), ctx.clock.now()) };
  },

  ...ADMIN_RESOLVERS,

  /** The postmortem byline on a Confluence page: its incident, review status and open action items. */
  async "postmortem-byline"(ctx, by, body, links) {
    const { pageId } = parseOrThrow(bodies.page, body);
    const found = await postmortemOfPage(ctx, by, pageId);
    if (!found) return { postmortem: null };
    const siteUrl = await ticketSiteUrl(ctx.tickets, by.tenantId);
    return {
      postmortem: {
        status: found.postmortem.status,
        incident: incidentSummary(found.incident, links),
        doneActionItems: found.doneItems,
      },
      openActionItems: found.openItems.map((i) => presentActionItem(i, siteUrl, ctx.clock.now())),
    };
  },
};
