// Links from an issue: to another issue ("Relates", once) and to a page outside Jira (updated in place).
import type { TicketPort } from "../../ports/ticket-port.ts";
import type { JiraCall } from "./jira-connection.ts";

export async function relate(call: JiraCall, issueId: string, otherKey: string): Promise<void> {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/ — linking twice would add a second link.
  const issue = await call((jira) => jira.issues.getIssue({ issueIdOrKey: issueId, fields: ["issuelinks"] }));
  const links =
    (
      issue.fields as
        | {
            issuelinks?: {
              type?: { name?: string };
              inwardIssue?: { key?: string };
              outwardIssue?: { key?: string };
            }[];
          }
        | undefined
    )?.issuelinks ?? [];
  if (
    links.some(
      (l) => l.type?.name === "Relates" && (l.inwardIssue?.key === otherKey || l.outwardIssue?.key === otherKey),
    )
  )
    return;
  await call((jira) =>
    jira.issueLinks.linkIssues({
      type: { name: "Relates" },
      inwardIssue: { id: issueId },
      outwardIssue: { key: otherKey },
    }),
  );
}

export async function remoteLink(
  call: JiraCall,
  issueId: string,
  link: Parameters<TicketPort["remoteLink"]>[1],
): Promise<void> {
  // Same globalId → Jira updates the link instead of adding one: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/
  await call((jira) =>
    jira.issueRemoteLinks.createOrUpdateRemoteIssueLink({
      issueIdOrKey: issueId,
      globalId: link.globalId,
      object: {
        url: link.url,
        title: link.title,
        icon: { url16x16: `${new URL(link.url).origin}/favicon.ico`, title: "Confluence" },
      },
    }),
  );
}
