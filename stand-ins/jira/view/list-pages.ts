// The Jira pages that list: the site's projects with its most recently updated issues, one project's issues, and
// the Create issue form (project, type, summary, labels, priority, description).
import { markup, type Html } from "../../common/view/html.ts";
import { timeHtml } from "../../common/view/layout.ts";
import { ISSUE_TYPES, PRIORITIES, PROJECTS } from "../seed.ts";
import type { JiraState } from "../state.ts";
import type { IssueRecord, ProjectDef } from "../types.ts";
import type { JiraLinks } from "./jira-chrome.ts";
import { statusLozenge } from "./issue-page.ts";

const newestFirst = (a: IssueRecord, b: IssueRecord) => b.updated - a.updated || Number(b.id) - Number(a.id);

function issueTable(state: JiraState, issues: IssueRecord[], links: JiraLinks, caption: string): Html {
  if (issues.length === 0) return markup`<p>No issues yet.</p>`;
  const who = (id: string | null) =>
    id ? (state.users.find((u) => u.accountId === id)?.displayName ?? id) : "Unassigned";
  const row = (i: IssueRecord) => markup`<tr>
    <td><a href="${links.issue(i.key)}">${i.key}</a></td>
    <td>${i.summary}</td>
    <td>${statusLozenge(state, i)}</td>
    <td>${PRIORITIES.find((p) => p.id === i.priorityId)?.name ?? ""}</td>
    <td>${i.labels.join(", ")}</td>
    <td>${who(i.assigneeId)}</td>
    <td>${timeHtml(i.updated)}</td></tr>`;
  return markup`<div class="scroll"><table class="table"><caption class="visually-hidden">${caption}</caption>
    <thead><tr><th scope="col">Key</th><th scope="col">Summary</th><th scope="col">Status</th><th scope="col">Priority</th>
    <th scope="col">Labels</th><th scope="col">Assignee</th><th scope="col">Updated</th></tr></thead>
    <tbody>${[...issues].sort(newestFirst).map(row)}</tbody></table></div>`;
}

export function indexMain(state: JiraState, links: JiraLinks): Html {
  const count = (p: ProjectDef) => state.all().filter((i) => i.projectId === p.id).length;
  const project = (p: ProjectDef) => markup`<tr><td><a href="${links.project(p.key)}">${p.name}</a></td>
    <td>${p.key}</td><td>${count(p)}</td></tr>`;
  return markup`<h1>Projects</h1>
    <p><a class="btn primary" href="${links.create()}">Create issue</a></p>
    <div class="scroll"><table class="table"><caption class="visually-hidden">Projects</caption>
      <thead><tr><th scope="col">Project</th><th scope="col">Key</th><th scope="col">Issues</th></tr></thead>
      <tbody>${PROJECTS.map(project)}</tbody></table></div>
    <h2>Recently updated</h2>
    ${issueTable(state, [...state.all()].sort(newestFirst).slice(0, 15), links, "Recently updated issues")}`;
}

export function projectMain(state: JiraState, project: ProjectDef, links: JiraLinks): Html {
  const issues = state.all().filter((i) => i.projectId === project.id);
  return markup`<p class="meta"><a href="${links.home()}">Projects</a> / ${project.key}</p>
    <h1>${project.name}</h1>
    <p><a class="btn primary" href="${links.create(project.key)}">Create issue in ${project.key}</a></p>
    ${issueTable(state, issues, links, `Issues in ${project.name}`)}`;
}

/** What the form held when it was refused, to show it again. */
export type CreateValues = Partial<
  Record<"project" | "type" | "summary" | "labels" | "priority" | "description", string>
>;

export function createMain(links: JiraLinks, values: CreateValues, notice: Html | string): Html {
  const option = (value: string, label: string, selected: string | undefined) =>
    markup`<option value="${value}"${value === selected ? markup` selected` : ""}>${label}</option>`;
  return markup`<h1>Create issue</h1>${notice}
    <form class="stack" method="post" action="${links.create()}">
      <div><label for="project">Project</label><select id="project" name="project" required>
        ${PROJECTS.map((p) => option(p.key, `${p.name} (${p.key})`, values.project))}</select></div>
      <div><label for="type">Issue type</label><select id="type" name="type">
        ${ISSUE_TYPES.map((t) => option(t.name, t.name, values.type ?? "Incident"))}</select></div>
      <div><label for="summary">Summary</label>
        <input id="summary" type="text" name="summary" required maxlength="255" value="${values.summary ?? ""}" /></div>
      <div><label for="labels">Labels <span class="hint">separated by spaces or commas, e.g. build-failed</span></label>
        <input id="labels" type="text" name="labels" autocomplete="off" value="${values.labels ?? ""}" /></div>
      <div><label for="priority">Priority</label><select id="priority" name="priority">
        ${option("", "The project's default", values.priority)}
        ${PRIORITIES.map((p) => option(p.name, p.name, values.priority))}</select></div>
      <div><label for="description">Description</label>
        <textarea id="description" name="description">${values.description ?? ""}</textarea></div>
      <div><button class="btn primary" type="submit">Create</button></div>
    </form>`;
}
