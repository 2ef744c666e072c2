// The app's one resolver function (manifest.yml `function: resolver`). Each definition starts with a
// permission check made as the user, then forwards to the service over Forge Remote; no business rule
// lives here. Admin rights the service decides on its own, asking Jira (it trusts no header). Answers are `{ status, body }`, the service's own when it was asked.
import { makeResolver, type Request } from "@forge/resolver";
import { callService, refusal, type Answer } from "../remote/firewatch-remote";
import { allowedApiPath } from "./api-routes";
import { canViewPage, isJiraAdmin, issueAccess, issueSummary } from "./permissions";

interface ResolverContext {
  readonly accountId?: string;
  readonly siteUrl?: string;
  readonly extension?: { issue?: { id?: string | number; key?: string }; content?: { id?: string | number } };
}

type Payload = Record<string, unknown>;
type Call = Request<Payload> & { context: ResolverContext };

/** The issue the panel is on, from Forge's context (never from the payload, which the page controls). */
function issueOf(context: ResolverContext): { id: string; key: string } | null {
  const issue = context.extension?.issue;
  return issue?.id !== undefined && issue.key ? { id: String(issue.id), key: issue.key } : null;
}

const siteOf = (context: ResolverContext) => (typeof context.siteUrl === "string" ? context.siteUrl : null);

/** Runs `then` for the panel's issue if the user may see it (and edit it, when `edit`). */
async function onIssue(
  context: ResolverContext,
  edit: boolean,
  then: (issue: { id: string; key: string }) => Promise<Answer>,
): Promise<Answer> {
  const issue = issueOf(context);
  if (!issue) return refusal(400, "FORGE.NO_ISSUE", "This works only on a Jira issue.");
  const access = await issueAccess(issue.id);
  if (!access.browse)
    return refusal(403, "FORGE.ISSUE_PERMISSION_REQUIRED", `You do not have permission to see ${issue.key} in Jira.`);
  if (edit && !access.edit)
    return refusal(
      403,
      "FORGE.ISSUE_PERMISSION_REQUIRED",
      `You need permission to edit ${issue.key} in Jira to do this.`,
    );
  return then(issue);
}

const pick = (payload: Payload, ...keys: string[]) =>
  Object.fromEntries(keys.filter((k) => payload[k] !== undefined).map((k) => [k, payload[k]]));

/** Every resolver of the app, by the key the UI invokes. */
export const resolvers = {
  issuePanel: async ({ context }: Call) =>
    onIssue(context, false, async (issue) => {
      const answer = await callService("/forge/resolvers/issue-panel", { body: { issue }, siteUrl: siteOf(context) });
      if (answer.status !== 200) return answer;
      return {
        status: 200,
        body: { ...(answer.body as object), issue: { ...issue, summary: await issueSummary(issue.id) } },
      };
    }),
  declareIncident: async ({ payload, context }: Call) =>
    onIssue(context, true, (issue) =>
      callService("/forge/resolvers/declare-incident", {
        body: { issue, ...pick(payload, "title", "severity", "serviceId") },
        siteUrl: siteOf(context),
      }),
    ),
  linkIncident: async ({ payload, context }: Call) =>
    onIssue(context, true, (issue) =>
      callService("/forge/resolvers/link-incident", {
        body: { issue, ...pick(payload, "incident") },
        siteUrl: siteOf(context),
      }),
    ),
  createActionItem: async ({ payload, context }: Call) =>
    onIssue(context, true, () =>
      callService("/forge/resolvers/create-action-item", {
        body: pick(payload, "incident", "title", "dueDate", "description"),
        siteUrl: siteOf(context),
      }),
    ),
  adminSettings: async ({ context }: Call) => {
    if (!(await isJiraAdmin()))
      return refusal(403, "FORGE.ADMIN_REQUIRED", "Only a Jira administrator can see Firewatch's settings.");
    return callService("/forge/resolvers/admin-settings", { body: {}, siteUrl: siteOf(context) });
  },
  saveAdminSettings: async ({ payload, context }: Call) => {
    if (!(await isJiraAdmin()))
      return refusal(403, "FORGE.ADMIN_REQUIRED", "Only a Jira administrator can change Firewatch's settings.");
    return callService("/forge/resolvers/save-admin-settings", {
      body: pick(payload, "settings"),
      siteUrl: siteOf(context),
    });
  },
  postmortemByline: async ({ context }: Call) => {
    const pageId = context.extension?.content?.id;
    if (pageId === undefined) return refusal(400, "FORGE.NO_PAGE", "This works only on a Confluence page.");
    if (!(await canViewPage(String(pageId))))
      return refusal(403, "FORGE.PAGE_PERMISSION_REQUIRED", "You do not have permission to view this page.");
    // Confluence's site URL is the Jira site's too: the byline links the incident to the console inside Jira.
    return callService("/forge/resolvers/postmortem-byline", {
      body: { pageId: String(pageId) },
      siteUrl: siteOf(context),
    });
  },
  // The web console inside Jira (global page): the service's JSON API, as the user.
  api: async ({ payload, context }: Call) => {
    const method = String(payload.method ?? "GET").toUpperCase();
    const path = allowedApiPath(method, String(payload.path ?? ""));
    if (!path) {
      return refusal(
        400,
        "FORGE.INVALID_API_CALL",
        "The console may call only the service's console routes under /api (no encoded separators or dot segments).",
      );
    }
    // The service decides the user's role itself (a Jira admin is a Firewatch admin): nothing to pass on.
    return callService(path, { method: method as "GET", body: payload.body, siteUrl: siteOf(context) });
  },
};

export const handler = makeResolver(resolvers);
