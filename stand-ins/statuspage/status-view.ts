// The public status page, as a stakeholder sees a statuspage.io page, under <base>/_view/ (read-only):
//   /                  the overall status, each component's status, open incidents, then past incidents
//   /incidents/<id>    one incident: its impact, affected components and every update, newest first
// Wording follows Statuspage's own ("All Systems Operational", "Partial Outage", "Investigating - …").
import { ViewError } from "../common/view/forms.ts";
import { markup, type Html } from "../common/view/html.ts";
import { documentHtml, timeHtml, type Chrome } from "../common/view/layout.ts";
import { StandInView, ViewPaths } from "../common/view/view-server.ts";
import type { ComponentStatus, Impact, IncidentState, StatusIndicator } from "./model.ts";
import type { StatusPage } from "./page.ts";

const OVERALL: Record<StatusIndicator, string> = {
  none: "All Systems Operational",
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major System Outage",
  maintenance: "Service Under Maintenance",
};

const COMPONENT: Record<ComponentStatus, string> = {
  operational: "Operational",
  under_maintenance: "Under Maintenance",
  degraded_performance: "Degraded Performance",
  partial_outage: "Partial Outage",
  major_outage: "Major Outage",
};

const IMPACT: Record<Impact, string> = {
  none: "No impact",
  minor: "Minor impact",
  major: "Major impact",
  critical: "Critical impact",
  maintenance: "Maintenance",
};

const words = (status: string) => status.charAt(0).toUpperCase() + status.slice(1).replace(/_/g, " ");

export function statuspageView(deps: { page: StatusPage; baseUrl(): string }): StandInView {
  const paths = new ViewPaths(deps.baseUrl);
  const { page } = deps;
  const title = `${page.subdomain} status`;
  const chrome = (): Chrome => ({
    paths,
    vendor: "Statuspage",
    theme: "statuspage",
    nav: [{ label: title, href: paths.href("/") }],
  });
  const incidentHref = (i: IncidentState) => paths.href(`/incidents/${encodeURIComponent(i.id)}`);

  const updates = (i: IncidentState): Html =>
    markup`<ol class="updates">${[...i.updates].reverse().map(
      (u) => markup`<li><strong>${words(u.status)}</strong> - ${u.body || "(no message)"}
        <br /><span class="meta">${timeHtml(u.display_at)}</span></li>`,
    )}</ol>`;
  const incident = (i: IncidentState, level: 2 | 3): Html => markup`<article class="card">
      <h${level}><a href="${incidentHref(i)}">${i.name}</a></h${level}>
      <p class="meta"><span class="lozenge ${i.impact}">${IMPACT[i.impact]}</span> · ${words(i.status)}</p>
      ${updates(i)}</article>`;
  const newestFirst = (list: IncidentState[]) =>
    [...list].sort(
      (a, b) => b.created_at.localeCompare(a.created_at) || page.incidents.indexOf(b) - page.incidents.indexOf(a),
    );

  const statusMain = (): Html => {
    const indicator = page.indicator();
    const open = newestFirst(page.incidents.filter((i) => i.status !== "resolved"));
    const past = newestFirst(page.incidents.filter((i) => i.status === "resolved"));
    const components = [...page.components.values()].sort((a, b) => a.position - b.position);
    return markup`<h1>${title}</h1>
      <p class="overall ${indicator}" role="status">${OVERALL[indicator]}</p>
      ${open.length ? markup`<h2>Open incidents</h2>${open.map((i) => incident(i, 3))}` : ""}
      <h2>Components</h2>
      <ul class="components">${components.map(
        (c) => markup`<li><span>${c.name}</span><span class="lozenge ${c.status}">${COMPONENT[c.status]}</span></li>`,
      )}</ul>
      <h2>Past incidents</h2>
      ${past.length ? past.map((i) => incident(i, 3)) : markup`<p>No incidents reported.</p>`}`;
  };

  const incidentMain = (id: string): Html => {
    const found = page.incident(id);
    if (!found) throw new ViewError(404, "No such incident", `This page has no incident ${id}.`);
    const affected = found.componentIds.map((c) => page.components.get(c)?.name ?? c);
    return markup`<p class="meta"><a href="${paths.href("/")}">${title}</a></p>
      <h1>${found.name}</h1>
      <p><span class="lozenge ${found.impact}">${IMPACT[found.impact]}</span> · ${words(found.status)}
        ${found.resolved_at ? markup` · resolved ${timeHtml(found.resolved_at)}` : ""}</p>
      ${affected.length ? markup`<p>This incident affected: ${affected.join(", ")}.</p>` : ""}
      <h2>Updates</h2>${updates(found)}`;
  };

  return new StandInView({
    chrome,
    home: () => ({ title, main: statusMain() }),
    routes: [
      {
        method: "GET",
        pattern: /^\/incidents\/([^/]+)$/,
        run: ({ params }) => {
          const main = incidentMain(params[0]!);
          return { html: documentHtml(chrome(), page.incident(params[0]!)!.name, main) };
        },
      },
    ],
  });
}
