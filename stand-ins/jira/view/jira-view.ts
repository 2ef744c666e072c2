// The Jira stand-in's web pages (paths in jira-chrome.ts). Every form acts through the REST API's route handlers as
// the site's person (as-person.ts), so it fires the same webhooks a change made in Jira does; a refusal shows the
// page again with Jira's own error message.
import { textToAdf } from "../adf.ts";
import { markup } from "../../common/view/html.ts";
import { noticeHtml, withQuery } from "../../common/view/layout.ts";
import { StandInView, ViewPaths, type ViewAnswer, type ViewRequest } from "../../common/view/view-server.ts";
import { ViewError } from "../../common/view/forms.ts";
import { findProject } from "../validate.ts";
import type { JiraState } from "../state.ts";
import type { IssueRecord } from "../types.ts";
import { errorText, type PersonCall } from "./as-person.ts";
import { JiraLinks } from "./jira-chrome.ts";
import { issueMain } from "./issue-page.ts";
import { createMain, indexMain, projectMain, type CreateValues } from "./list-pages.ts";

export interface JiraViewDeps {
  state: JiraState;
  /** A REST call made as the site's person (restAsPerson). */
  asPerson: PersonCall;
  baseUrl(): string;
}

/** A person's typing: browsers send a textarea's line breaks as CRLF. */
const typed = (text: string | null) => (text ?? "").replace(/\r\n?/g, "\n").trim();

export function jiraView(deps: JiraViewDeps): StandInView {
  const links = new JiraLinks(new ViewPaths(deps.baseUrl));
  const { state, asPerson } = deps;

  const issueOf = (key: string): IssueRecord => {
    const issue = state.find(key);
    if (!issue) throw new ViewError(404, "No such issue", `The site has no issue ${key}.`);
    return issue;
  };
  const issuePage = (issue: IssueRecord, url: URL, error?: string, status = 200): ViewAnswer => ({
    status,
    html: links.page(`${issue.key}: ${issue.summary}`, issueMain(state, issue, links, noticeHtml(url, error))),
  });
  /** Runs one REST call as the person on the issue; back to the issue saying `done`, or the page with the refusal. */
  const onIssue =
    (build: (form: URLSearchParams, issue: IssueRecord) => [string, string, unknown] | string, done: string) =>
    async ({ params, form, url }: ViewRequest): Promise<ViewAnswer> => {
      const issue = issueOf(params[0]!);
      const request = build(await form(), issue);
      if (typeof request === "string") return issuePage(issue, url, request, 400);
      const answer = await asPerson(...request);
      if (answer.status >= 400) return issuePage(issue, url, errorText(answer.body), answer.status);
      return { redirect: withQuery(links.issue(issue.key), "done", done) };
    };

  const create = async ({ form, url }: ViewRequest): Promise<ViewAnswer> => {
    const f = await form();
    const values: CreateValues = Object.fromEntries(
      ["project", "type", "summary", "labels", "priority", "description"].map((k) => [k, f.get(k) ?? ""]),
    );
    const labels = (values.labels ?? "").split(/[\s,]+/).filter(Boolean);
    const description = typed(values.description ?? "");
    const answer = await asPerson("POST", "/rest/api/3/issue", {
      fields: {
        project: { key: values.project },
        issuetype: { name: values.type || "Incident" },
        summary: typed(values.summary ?? ""),
        ...(labels.length ? { labels } : {}),
        ...(values.priority ? { priority: { name: values.priority } } : {}),
        ...(description ? { description: textToAdf(description) } : {}),
      },
    });
    if (answer.status >= 400)
      return {
        status: answer.status,
        html: links.page("Create issue", createMain(links, values, noticeHtml(url, errorText(answer.body)))),
      };
    const key = (answer.body as { key: string }).key;
    return { redirect: withQuery(links.issue(key), "done", `Created ${key}.`) };
  };

  return new StandInView({
    chrome: () => links.chrome(),
    home: () => ({ title: "Projects", main: indexMain(state, links) }),
    routes: [
      {
        method: "GET",
        pattern: /^\/projects\/([^/]+)$/,
        run: ({ params }) => {
          const project = findProject(params[0]!);
          if (!project) throw new ViewError(404, "No such project", `The site has no project ${params[0]}.`);
          return { html: links.page(project.name, projectMain(state, project, links)) };
        },
      },
      {
        method: "GET",
        pattern: /^\/create$/,
        run: ({ url }) => ({
          html: links.page(
            "Create issue",
            createMain(links, { project: url.searchParams.get("project") ?? undefined }, markup``),
            links.create(),
          ),
        }),
      },
      { method: "POST", pattern: /^\/create$/, run: create },
      { method: "GET", pattern: /^\/issues\/([^/]+)$/, run: ({ params, url }) => issuePage(issueOf(params[0]!), url) },
      {
        method: "POST",
        pattern: /^\/issues\/([^/]+)\/comment$/,
        run: onIssue((f, issue) => {
          const text = typed(f.get("text"));
          return text
            ? ["POST", `/rest/api/3/issue/${issue.key}/comment`, { body: textToAdf(text) }]
            : "Write a comment first.";
        }, "Comment added."),
      },
      {
        method: "POST",
        pattern: /^\/issues\/([^/]+)\/transition$/,
        run: onIssue((f, issue) => {
          const resolution = f.get("resolution");
          const body = {
            transition: { id: f.get("transition") ?? "" },
            ...(resolution ? { fields: { resolution: { id: resolution } } } : {}),
          };
          return ["POST", `/rest/api/3/issue/${issue.key}/transitions`, body];
        }, "Status changed."),
      },
      {
        method: "POST",
        pattern: /^\/issues\/([^/]+)\/labels$/,
        run: onIssue((f, issue) => {
          const label = (f.get("label") ?? "").trim();
          return label
            ? ["PUT", `/rest/api/3/issue/${issue.key}`, { update: { labels: [{ add: label }] } }]
            : "Type a label first.";
        }, "Label added."),
      },
      {
        method: "POST",
        pattern: /^\/issues\/([^/]+)\/labels\/remove$/,
        run: onIssue(
          (f, issue) => [
            "PUT",
            `/rest/api/3/issue/${issue.key}`,
            { update: { labels: [{ remove: f.get("label") ?? "" }] } },
          ],
          "Label removed.",
        ),
      },
    ],
  });
}
