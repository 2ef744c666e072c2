// One issue as a person sees it in Jira: summary and key, its fields, the workflow's transitions (with the
// transition screen's required Resolution where the project has one), labels to add and remove, the description,
// links and web links, comments with a box to add one, and the history.
import { adfHtml } from "../../common/view/adf-html.ts";
import { markup, safeHref, type Html } from "../../common/view/html.ts";
import { timeHtml } from "../../common/view/layout.ts";
import { ISSUE_TYPES, LINK_TYPES, PRIORITIES, RESOLUTIONS } from "../seed.ts";
import type { JiraState } from "../state.ts";
import type { ChangelogEntry, IssueRecord } from "../types.ts";
import type { JiraLinks } from "./jira-chrome.ts";

const who = (state: JiraState, id: string | null) =>
  id === null ? "Unassigned" : (state.users.find((u) => u.accountId === id)?.displayName ?? id);

export function statusLozenge(state: JiraState, issue: IssueRecord): Html {
  const status = state.status(issue);
  return markup`<span class="lozenge ${status.category}">${status.name}</span>`;
}

function transitionsHtml(state: JiraState, issue: IssueRecord, links: JiraLinks): Html {
  const action = links.issue(issue.key, "/transition");
  const form = (t: ReturnType<JiraState["transitions"]>[number]) => {
    const screen = state.screenOf(issue, t.to);
    if (!screen)
      return markup`<form method="post" action="${action}"><input type="hidden" name="transition" value="${t.id}" />
        <button class="btn" type="submit">${t.to.name}</button></form>`;
    const id = `resolution-${t.id}`;
    const options = RESOLUTIONS.filter((r) => screen.resolutionIds.includes(r.id));
    return markup`<form class="card inline" method="post" action="${action}">
      <input type="hidden" name="transition" value="${t.id}" />
      <div><label for="${id}">Resolution (required to move to ${t.to.name})</label>
      <select id="${id}" name="resolution" required><option value="">Choose a resolution</option>
      ${options.map((r) => markup`<option value="${r.id}">${r.name}</option>`)}</select></div>
      <button class="btn" type="submit">${t.to.name}</button></form>`;
  };
  return markup`<section aria-labelledby="workflow"><h2 id="workflow">Workflow</h2>
    <p>Status: ${statusLozenge(state, issue)}. Move to:</p>
    <div class="actions">${state.transitions(issue).map(form)}</div></section>`;
}

function labelsHtml(issue: IssueRecord, links: JiraLinks): Html {
  const remove = links.issue(issue.key, "/labels/remove");
  const chip = (label: string) => markup`<li>${label}<form method="post" action="${remove}">
    <input type="hidden" name="label" value="${label}" />
    <button class="btn small" type="submit" aria-label="Remove label ${label}">✕</button></form></li>`;
  return markup`${issue.labels.length ? markup`<ul class="labels">${issue.labels.map(chip)}</ul>` : "None"}`;
}

function factsHtml(state: JiraState, issue: IssueRecord, links: JiraLinks): Html {
  const priority = PRIORITIES.find((p) => p.id === issue.priorityId)?.name ?? issue.priorityId;
  const type = ISSUE_TYPES.find((t) => t.id === issue.issueTypeId)?.name ?? issue.issueTypeId;
  const resolution =
    issue.resolved === null ? "Unresolved" : (RESOLUTIONS.find((r) => r.id === issue.resolutionId)?.name ?? "Done");
  return markup`<dl class="facts card">
    <dt>Status</dt><dd>${statusLozenge(state, issue)}</dd>
    <dt>Resolution</dt><dd>${resolution}</dd>
    <dt>Priority</dt><dd>${priority}</dd>
    <dt>Type</dt><dd>${type}</dd>
    <dt>Labels</dt><dd>${labelsHtml(issue, links)}</dd>
    <dt>Assignee</dt><dd>${who(state, issue.assigneeId)}</dd>
    <dt>Reporter</dt><dd>${who(state, issue.reporterId)}</dd>
    ${issue.dueDate ? markup`<dt>Due date</dt><dd>${issue.dueDate}</dd>` : ""}
    <dt>Created</dt><dd>${timeHtml(issue.created)}</dd>
    <dt>Updated</dt><dd>${timeHtml(issue.updated)}</dd>
  </dl>
  <form class="inline" method="post" action="${links.issue(issue.key, "/labels")}">
    <div><label for="new-label">Add a label</label>
    <input id="new-label" type="text" name="label" required maxlength="255" autocomplete="off" /></div>
    <button class="btn" type="submit">Add label</button>
  </form>`;
}

function linksHtml(state: JiraState, issue: IssueRecord, links: JiraLinks): Html {
  const issueLinks = issue.links.map((l) => {
    const type = LINK_TYPES.find((t) => t.id === l.typeId);
    const other = state.find(l.otherIssueId);
    const verb = l.direction === "outward" ? type?.outward : type?.inward;
    return markup`<li>${verb ?? "links to"} ${other ? markup`<a href="${links.issue(other.key)}">${other.key}</a> ${other.summary}` : l.otherIssueId}</li>`;
  });
  const remote = issue.remoteLinks.map((r) => {
    const href = safeHref(r.object.url);
    const title = r.object.title;
    return markup`<li>${href ? markup`<a href="${href}">${title}</a>` : title}${r.object.summary ? markup` — ${r.object.summary}` : ""}</li>`;
  });
  if (issueLinks.length + remote.length === 0) return markup``;
  return markup`<section aria-labelledby="links"><h2 id="links">Links</h2>
    ${issueLinks.length ? markup`<h3>Linked issues</h3><ul>${issueLinks}</ul>` : ""}
    ${remote.length ? markup`<h3>Web links</h3><ul>${remote}</ul>` : ""}</section>`;
}

function commentsHtml(state: JiraState, issue: IssueRecord, links: JiraLinks): Html {
  const comment = (c: IssueRecord["comments"][number]) => markup`<li>
    <p class="meta"><strong>${who(state, c.authorId)}</strong> · ${timeHtml(c.created)}</p>
    ${adfHtml(c.body, { headingOffset: 3 })}</li>`;
  return markup`<section aria-labelledby="comments"><h2 id="comments">Comments</h2>
    ${issue.comments.length ? markup`<ol class="list">${issue.comments.map(comment)}</ol>` : markup`<p>No comments yet.</p>`}
    <form class="stack" method="post" action="${links.issue(issue.key, "/comment")}">
      <div><label for="comment-text">Add a comment</label>
      <textarea id="comment-text" name="text" required maxlength="32767"></textarea></div>
      <div><button class="btn primary" type="submit">Save comment</button></div>
    </form></section>`;
}

function historyHtml(state: JiraState, entries: ChangelogEntry[]): Html {
  if (entries.length === 0) return markup``;
  const item = (e: ChangelogEntry) =>
    e.items.map(
      (i) => markup`<li><strong>${who(state, e.authorId)}</strong> changed ${i.field}
        from “${i.fromString ?? "None"}” to “${i.toString ?? "None"}” · ${timeHtml(e.created)}</li>`,
    );
  return markup`<section aria-labelledby="history"><h2 id="history">History</h2>
    <details><summary>${entries.length} ${entries.length === 1 ? "change" : "changes"}</summary><ul>${[...entries].reverse().map(item)}</ul></details></section>`;
}

/** The page's main column. */
export function issueMain(state: JiraState, issue: IssueRecord, links: JiraLinks, notice: Html | string): Html {
  const project = state.project(issue);
  return markup`<p class="meta"><a href="${links.project(project.key)}">${project.name}</a> / ${issue.key}</p>
    <h1>${issue.summary}</h1>
    <p class="sub">${issue.key}</p>
    ${notice}
    ${factsHtml(state, issue, links)}
    ${transitionsHtml(state, issue, links)}
    <section aria-labelledby="description"><h2 id="description">Description</h2>
      ${issue.description?.content.length ? adfHtml(issue.description, { headingOffset: 2 }) : markup`<p>None.</p>`}</section>
    ${linksHtml(state, issue, links)}
    ${commentsHtml(state, issue, links)}
    ${historyHtml(state, issue.changelog)}`;
}
