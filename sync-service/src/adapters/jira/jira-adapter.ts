// The ticket port on Jira Cloud, through jira.js: how to reach and call Jira is jira-connection.ts, the search
// index jira-search.ts, links between issues jira-issue-links.ts.
import { TicketNotFoundError } from "../../ports/integration-errors.ts";
import {
  type IssueMarker,
  type NewComment,
  type NewIssue,
  type RemoteIssue,
  type SyncResult,
  type TicketPort,
} from "../../ports/ticket-port.ts";
import { commentDoc, descriptionDoc } from "../../formats/adf/issue-adf.ts";
import { categoryOfKey, KEY_OF_CATEGORY, toRemoteIssue } from "../../formats/jira/jira-issue-mapper.ts";
import { DEFAULT_TIMEOUT_MS, jiraCall, type JiraConnection } from "./jira-connection.ts";
import { relate, remoteLink } from "./jira-issue-links.ts";
import { bulkPermissionsRequest, ISSUE_FIELDS, toPermissionGrants } from "./jira-mapper.ts";
import { createScreen, editScreen, missingFromScreen, transitionInto } from "./jira-screens.ts";
import { findByLinkId, linkLabel, matchJql, searchIssues, SEARCH_SETTLE_MS } from "./jira-search.ts";
import { createIssueTypes, priorityNames, projectKeys } from "./jira-site-meta.ts";

/** The issue and comment property Firewatch keeps on what it writes. */
export const PROPERTY_KEY = "firewatch";

export function jiraTicketAdapter(connection: JiraConnection | null): TicketPort {
  const call = jiraCall(connection);
  const timeoutMs = connection?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let accountId: Promise<string> | null = null;

  const get = async (idOrKey: string): Promise<RemoteIssue> =>
    toRemoteIssue(await call((jira) => jira.issues.getIssue({ issueIdOrKey: idOrKey, fields: ISSUE_FIELDS })));

  const mark = (issueId: string, marker: IssueMarker) =>
    call((jira) =>
      jira.issueProperties.setIssueProperty({ issueIdOrKey: issueId, propertyKey: PROPERTY_KEY, body: { ...marker } }),
    );

  return {
    siteUrl: connection?.siteUrl ?? null,
    createSettleMs: timeoutMs + SEARCH_SETTLE_MS,
    accountId() {
      accountId ??= call((jira) => jira.myself.getCurrentUser()).then((me) => String(me.accountId));
      accountId.catch(() => (accountId = null));
      return accountId;
    },
    findByLinkId: (linkId) => findByLinkId(call, linkId),
    async create(issue: NewIssue) {
      // Priority and Due date only where the create screen has them (team-managed projects often lack Priority).
      const wanted = [...(issue.priority ? ["priority"] : []), ...(issue.dueDate ? ["duedate"] : [])];
      const screen = wanted.length > 0 ? await createScreen(call, issue.projectKey, issue.issueType) : null;
      const omitted = screen ? missingFromScreen(screen, wanted) : [];
      const created = await call((jira) =>
        jira.issues.createIssue({
          fields: {
            project: { key: issue.projectKey },
            issuetype: { name: issue.issueType },
            summary: issue.summary,
            description: descriptionDoc(issue.description, issue.incidentUrl, issue.marker.incidentKey),
            labels: [...issue.labels, linkLabel(issue.marker.linkId)],
            ...(issue.priority && !omitted.includes("priority") ? { priority: { name: issue.priority } } : {}),
            ...(issue.dueDate && !omitted.includes("duedate") ? { duedate: issue.dueDate } : {}),
          },
          // The marker is set in the same request, so a crash right after never leaves an unmarked issue.
          properties: [{ key: PROPERTY_KEY, value: { ...issue.marker } }],
        }),
      );
      return { ...(await get(String(created.id))), omitted };
    },
    get,
    async fetchRaw(idOrKey) {
      return call((jira) => jira.issues.getIssue({ issueIdOrKey: idOrKey, fields: ["*all"] }));
    },
    async displayName(accountId) {
      // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
      const user = await call((jira) => jira.users.getUser({ accountId }));
      return user.displayName ?? null;
    },
    async permissionsOf(accountId, query) {
      // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post:
      // asking about another user takes Administer Jira, or an app asking as itself (a Forge app's token).
      // Jira asks about projects by id: the keys are looked up first (a project that does not exist holds nothing).
      const projectIds = new Map<string, string>();
      for (const key of new Set((query.projects ?? []).flatMap((q) => q.projectKeys))) {
        try {
          projectIds.set(key, String((await call((jira) => jira.projects.getProject({ projectIdOrKey: key }))).id));
        } catch (error) {
          if (!(error instanceof TicketNotFoundError)) throw error;
        }
      }
      const answer = await call((jira) =>
        jira.permissions.getBulkPermissions(bulkPermissionsRequest(accountId, query, projectIds)),
      );
      return toPermissionGrants(query, answer, projectIds);
    },
    async mark(issueId, marker) {
      await mark(issueId, marker);
    },
    async sync(issueId, target): Promise<SyncResult> {
      const issue = await call((jira) => jira.issues.getIssue({ issueIdOrKey: issueId, fields: ISSUE_FIELDS }));
      let status = {
        name: issue.fields?.status?.name ?? "",
        category: categoryOfKey(issue.fields?.status?.statusCategory?.key),
      };
      let unfilled: string[] = [];
      let blocked = false;
      if (status.category !== target.category) {
        const moved = await transitionInto(call, issueId, KEY_OF_CATEGORY[target.category], target.resolution);
        if (moved.reached !== null) status = { name: moved.reached, category: target.category };
        else [blocked, unfilled] = [true, moved.unfilled];
      }
      const omitted: string[] = [];
      if (target.priority && issue.fields?.priority?.name !== target.priority) {
        if ((await editScreen(call, issueId)).has("priority")) {
          await call((jira) =>
            jira.issues.editIssue({ issueIdOrKey: issueId, fields: { priority: { name: target.priority } } }),
          );
        } else omitted.push("priority");
      }
      await mark(issueId, target.marker);
      return { statusName: status.name, statusCategory: status.category, blocked, unfilled, omitted };
    },
    matchJql: (issueId, jqls) => matchJql(call, issueId, jqls),
    search: (jql, max, reconcile) => searchIssues(call, jql, max, reconcile),
    relate: (issueId, otherKey) => relate(call, issueId, otherKey),
    remoteLink: (issueId, link) => remoteLink(call, issueId, link),
    async comment(issueId, comment: NewComment) {
      const existing = await call((jira) =>
        jira.issueComments.getComments({
          issueIdOrKey: issueId,
          expand: "properties",
          maxResults: 100,
          orderBy: "-created",
        }),
      );
      const noted = (existing.comments ?? []).some((c: any) =>
        (c.properties ?? []).some((p: any) => p.key === PROPERTY_KEY && p.value?.noteId === comment.noteId),
      );
      if (noted) return false;
      await call((jira) =>
        jira.issueComments.addComment({
          issueIdOrKey: issueId,
          body: commentDoc(comment.author, comment.text, comment.incidentKey, comment.incidentUrl),
          properties: [{ key: PROPERTY_KEY, value: { noteId: comment.noteId } }],
        } as never),
      );
      return true;
    },
    projectKeys: (max) => projectKeys(call, max),
    createIssueTypes: (projectKey) => createIssueTypes(call, projectKey),
    priorityNames: () => priorityNames(call),
  };
}
