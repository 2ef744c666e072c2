// `firewatch jira check`: what Firewatch needs from a Jira site, asked of the site itself.
// Permissions: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
import { createCloudClient } from "jira.js";
import type { TicketDefaults } from "../../domain/service.ts";
import { jiraTicketAdapter } from "./jira-adapter.ts";
import { basicConnection, type JiraSettings } from "./jira-connection.ts";
import { createScreen, FIELD_LABELS, missingFromScreen } from "./jira-screens.ts";

export const NEEDED_PERMISSIONS = [
  "BROWSE_PROJECTS",
  "CREATE_ISSUES",
  "EDIT_ISSUES",
  "TRANSITION_ISSUES",
  "RESOLVE_ISSUES",
  "SCHEDULE_ISSUES",
  "ADD_COMMENTS",
  "LINK_ISSUES",
] as const;

export interface Finding {
  readonly ok: boolean;
  readonly what: string;
}

/** Checks credentials, permissions, and each service's project, issue type, create screen and priority names. */
export async function checkJiraSite(
  settings: JiraSettings,
  services: readonly { name: string; tickets: TicketDefaults }[],
): Promise<Finding[]> {
  const jira = createCloudClient({
    host: settings.baseUrl,
    auth: { type: "basic", email: settings.email, apiToken: settings.apiToken },
  });
  // What the site offers is asked as the ticket port asks it (the Forge admin page checks its saves the same way).
  const site = jiraTicketAdapter(basicConnection(settings));
  const findings: Finding[] = [];
  const note = (ok: boolean, what: string) => findings.push({ ok, what });
  try {
    const me = await jira.myself.getCurrentUser();
    note(true, `signed in to ${settings.baseUrl} as ${me.displayName ?? me.accountId} (${me.accountId})`);
  } catch (error) {
    note(false, `cannot sign in to ${settings.baseUrl} as ${settings.email}: ${(error as Error).message}`);
    return findings;
  }
  const mine = await jira.permissions.getMyPermissions({ permissions: NEEDED_PERMISSIONS.join(",") });
  for (const permission of NEEDED_PERMISSIONS) {
    const have = Boolean(
      (mine.permissions as Record<string, { havePermission?: boolean }> | undefined)?.[permission]?.havePermission,
    );
    note(have, `permission ${permission}${have ? "" : " is missing"}`);
  }
  const priorities = new Set((await site.priorityNames()).map((name) => name.toLowerCase()));
  for (const service of services) {
    const { projectKey, issueType } = service.tickets;
    if (!projectKey) {
      note(true, `service ${service.name}: no Jira project set (issues need a projectKey per request)`);
      continue;
    }
    try {
      const names = (await site.createIssueTypes(projectKey))?.map((name) => name.toLowerCase()) ?? null;
      if (!names) throw new Error("Jira answered 404 (no such project, or the Jira account may not see it)");
      note(
        names.includes(issueType.toLowerCase()),
        `service ${service.name}: project ${projectKey}, issue type ${issueType}${names.includes(issueType.toLowerCase()) ? "" : ` does not exist (have: ${names.join(", ")})`}`,
      );
      const screen = names.includes(issueType.toLowerCase())
        ? await createScreen((work) => work(jira), projectKey, issueType)
        : null;
      for (const field of missingFromScreen(screen ?? new Set(Object.keys(FIELD_LABELS)), Object.keys(FIELD_LABELS))) {
        note(
          false,
          `service ${service.name}: project ${projectKey}'s create screen for ${issueType} has no ${FIELD_LABELS[field]}; Firewatch leaves it out of issues (add it to the project's create and edit screens)`,
        );
      }
    } catch (error) {
      note(false, `service ${service.name}: project ${projectKey} cannot be read: ${(error as Error).message}`);
    }
    for (const [severity, name] of Object.entries(service.tickets.priorities)) {
      if (!priorities.has(name.toLowerCase()))
        note(false, `service ${service.name}: ${severity} maps to priority "${name}", which the site does not have`);
    }
  }
  return findings;
}
