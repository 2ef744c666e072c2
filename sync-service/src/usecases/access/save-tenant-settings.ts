// The Forge admin page's save. Every value the settings name is checked against the tenant's own site before
// anything is stored: the Jira project exists and the app may see it, the issue type is one that project offers
// for create, every priority exists, the Confluence space exists and the app may see it. Each wrong value is one
// problem, named by its field and saying what the site offers instead; with any problem nothing is saved.
// A site that cannot be asked at all (no app token from Forge yet, credentials or permission refused, 429, 5xx,
// no answer) refuses the save as well: saved unchecked, a wrong value would surface only at the first incident,
// as a job failing where nobody looks. A Forge site has an app token from its first invocation on.
import { AppError } from "../../domain/errors.ts";
import type { TicketDefaults } from "../../domain/service.ts";
import { SEVERITIES, type Severity } from "../../domain/severity.ts";
import { tenantSettingsOf, type TenantSettings } from "../../domain/tenant-settings.ts";
import type { DocumentPorts } from "../../ports/document-port.ts";
import type { InstallationRepository } from "../../ports/installation-repository.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import type { TicketPorts } from "../../ports/ticket-port.ts";

export interface TenantSettingsDeps {
  readonly tickets: TicketPorts;
  readonly documents: DocumentPorts;
  readonly installations: InstallationRepository;
}

/** What the admin page sends: the ticket defaults it shows (the rest keep their stored values) and the space. */
export interface TenantSettingsChange {
  readonly tickets: Pick<TicketDefaults, "projectKey" | "issueType" | "priorities"> & Partial<TicketDefaults>;
  readonly confluenceSpaceKey: string | null;
}

/** One value the site does not have, by its field (`tickets.priorities.SEV2`), for the form to show beside it. */
export interface SettingsProblem {
  readonly path: string;
  readonly message: string;
}

/** Jira or Confluence could not be asked, so the settings could not be checked: nothing was saved. */
export class SiteUnreachableUseCaseError extends AppError {
  readonly kind = "unavailable";
}

/** How many of a site's projects or spaces a message names. */
const LISTED = 10;

/**
 * Saves the tenant's settings if its site has everything they name. Names are stored as the site spells them
 * ("high" is saved as "High"). @returns the problems; empty when saved
 * @throws SiteUnreachableUseCaseError when Jira or Confluence cannot be asked
 */
export async function saveTenantSettings(
  deps: TenantSettingsDeps,
  tenantId: string,
  change: TenantSettingsChange,
): Promise<SettingsProblem[]> {
  const current = (await deps.installations.profile(tenantId))?.settings ?? tenantSettingsOf({});
  const tickets: TicketDefaults = { ...current.tickets, ...change.tickets };
  const [jira, space] = await Promise.all([
    checkTickets(deps, tenantId, tickets),
    checkSpace(deps, tenantId, change.confluenceSpaceKey),
  ]);
  const problems = [...jira.problems, ...space];
  if (problems.length === 0)
    await deps.installations.saveSettings(tenantId, {
      ...current,
      tickets: jira.tickets,
      confluenceSpaceKey: change.confluenceSpaceKey,
    } satisfies TenantSettings);
  return problems;
}

async function checkTickets(deps: TenantSettingsDeps, tenantId: string, tickets: TicketDefaults) {
  return asking("Jira", async () => {
    const jira = await deps.tickets.forTenant(tenantId);
    const { projectKey } = tickets;
    const [types, sitePriorities] = await Promise.all([
      projectKey ? jira.createIssueTypes(projectKey) : null,
      jira.priorityNames(),
    ]);
    const problems: SettingsProblem[] = [];
    let issueType = tickets.issueType;
    // No project means "no default": issues then name their project per request, and its types are checked there.
    if (projectKey && !types) {
      const seen = await jira.projectKeys(LISTED + 1);
      problems.push({
        path: "tickets.projectKey",
        message: `Jira has no project ${projectKey} that the Firewatch app can see: check the key, or give the app access to the project. ${listed("Projects the app sees", seen)}`,
      });
    } else if (projectKey && types?.length === 0) {
      problems.push({
        path: "tickets.projectKey",
        message: `The Firewatch app may not create issues in project ${projectKey}: give it the Create issues permission there, or choose another project.`,
      });
    } else if (projectKey && types) {
      const found = named(types, issueType);
      if (found) issueType = found;
      else
        problems.push({
          path: "tickets.issueType",
          message: `Project ${projectKey} has no issue type "${issueType}" to create; it offers ${types.join(", ")}.`,
        });
    }
    const priorities = { ...tickets.priorities };
    for (const severity of SEVERITIES) {
      const found = named(sitePriorities, priorities[severity]);
      if (found) priorities[severity] = found;
      else
        problems.push({
          path: `tickets.priorities.${severity}`,
          message: `Jira has no priority "${priorities[severity]}"; this site's priorities are ${sitePriorities.join(", ")}.`,
        });
    }
    return { tickets: { ...tickets, issueType, priorities: priorities as Record<Severity, string> }, problems };
  });
}

async function checkSpace(
  deps: TenantSettingsDeps,
  tenantId: string,
  spaceKey: string | null,
): Promise<SettingsProblem[]> {
  // No space means postmortems wait until one is chosen (their jobs say why).
  if (!spaceKey) return [];
  return asking("Confluence", async () => {
    const spaces = await deps.documents.spacesOf(tenantId);
    if (await spaces.has(spaceKey)) return [];
    const seen = await spaces.keys(LISTED + 1);
    return [
      {
        path: "confluenceSpaceKey",
        message: `Confluence has no space ${spaceKey} that the Firewatch app can see: check the key, or give the app access to the space. ${listed("Spaces the app sees", seen)}`,
      },
    ];
  });
}

/**
 * The site's own spelling of `name`, matched case-insensitively (as `firewatch jira check` and the create-screen
 * lookup match): what is saved is the site's spelling, so a create sends exactly the name Jira has.
 */
function named(names: readonly string[], name: string): string | undefined {
  return names.find((n) => n.toLowerCase() === name.toLowerCase());
}

/** "Projects the app sees: CI, OPS, and more." from at most LISTED + 1 keys. */
function listed(what: string, keys: readonly string[]): string {
  if (keys.length === 0) return `${what}: none.`;
  return `${what}: ${keys.slice(0, LISTED).join(", ")}${keys.length > LISTED ? ", and more" : ""}.`;
}

/**
 * Why `product` could not be asked, in words safe to show: Firewatch's own, or the answer's status. The vendor
 * clients' messages carry the answer's body, which is never shown (docs/security.md, "Outbound URLs").
 */
function reasonOf(product: string, error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const status = [error, cause]
    .map((e) => (e as { status?: unknown } | undefined)?.status)
    .find((s): s is number => typeof s === "number");
  if (isIntegrationError(error, "transient") || status === 429)
    return `${product} is limiting Firewatch's requests (429)`;
  if (status === 401 || status === 403) return `${product} refused the app's access (${status})`;
  if (status !== undefined) return `${product} answered ${status}`;
  // Firewatch's own words when there was nothing to ask with (no app token yet, not configured): no cause.
  if (isIntegrationError(error, "access", "not_configured") && cause === undefined) return error.message;
  return `${product} did not answer`;
}

/** Runs the checks against one product; any failure to ask it becomes SiteUnreachableUseCaseError. */
async function asking<T>(product: "Jira" | "Confluence", work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new SiteUnreachableUseCaseError(
      `SETTINGS.${product.toUpperCase()}_UNREACHABLE`,
      `Firewatch could not check these settings against ${product} (${reasonOf(product, error)}), so nothing was saved; try again in a moment.`,
      { cause: error },
    );
  }
}
