// What each integration of a tenant is: configured or not, healthy as the worker last saw it, and what to set
// when it is not. Read by `GET /api/integrations` (the console's Settings → Integrations and the incident page)
// and by the routes whose action needs one, so an action refuses at once instead of queuing work that cannot run.
import { missingTokenReason } from "../formats/forge/app-token.ts";
import { ConflictUseCaseError } from "../usecases/shared/errors.ts";
import type { WebContext } from "./context.ts";

export type IntegrationName = "jira" | "confluence" | "slack" | "statuspage" | "twilio" | "email";

export interface IntegrationState {
  readonly name: IntegrationName;
  readonly label: string;
  readonly configured: boolean;
  /** What to set to configure it (environment variables, or the Forge app's step). */
  readonly toSet: string;
  readonly healthy: boolean | null;
  readonly lastError: string | null;
  readonly checkedAt: string | null;
  readonly [extra: string]: unknown;
}

const ENV = "in the service's environment, then restart (docs/configuration.md)";

/** Every integration of the tenant, in a fixed order. */
export async function integrationStates(ctx: WebContext, tenantId: string): Promise<IntegrationState[]> {
  const seen = await ctx.uow.run((tx) => tx.integrations.list(tenantId));
  const health = (name: string) => {
    const h = seen.find((x) => x.name === name);
    return {
      healthy: h?.healthy ?? null,
      lastError: h?.lastError ?? null,
      checkedAt: h?.checkedAt.toISOString() ?? null,
    };
  };
  const profile = await ctx.installations.profile(tenantId);
  const viaForge = Boolean(profile?.cloudId);
  const jiraConfigured = viaForge
    ? missingTokenReason("jira", await ctx.installations.credential(tenantId, "jira"), ctx.clock.now()) === null
    : ctx.jira.baseUrl !== null;
  const url = ctx.publicUrl;
  return [
    {
      name: "jira",
      label: "Jira",
      via: viaForge ? "forge" : "api_token",
      configured: jiraConfigured,
      toSet: viaForge
        ? "Open Firewatch in Jira once as an admin so Forge sends the app's token"
        : `JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN (and JIRA_WEBHOOK_SECRET for Jira's webhooks) ${ENV}`,
      ...health("jira"),
      ...(viaForge ? {} : { webhook: { configured: ctx.jira.webhookSecret !== null, url: `${url}/webhooks/jira` } }),
    },
    {
      name: "confluence",
      label: "Confluence",
      configured: (await ctx.documents.forTenant(tenantId)).configured,
      toSet: viaForge
        ? "Choose the postmortem space on the app's admin page in Jira"
        : `CONFLUENCE_BASE_URL and CONFLUENCE_SPACE_KEY (with the JIRA_EMAIL and JIRA_API_TOKEN credentials) ${ENV}`,
      ...health("confluence"),
    },
    {
      name: "slack",
      label: "Slack",
      configured: ctx.slack.botConfigured,
      toSet: `SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET ${ENV}`,
      ...health("slack"),
      webhook: {
        configured: ctx.slack.signingSecret !== null,
        url: `${url}/webhooks/slack/events`,
        commands: `${url}/webhooks/slack/commands`,
        interactions: `${url}/webhooks/slack/interactions`,
      },
    },
    {
      name: "statuspage",
      label: "Statuspage",
      configured: ctx.statusPage.apiConfigured,
      toSet: `STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID (and STATUSPAGE_WEBHOOK_TOKEN for its notifications) ${ENV}`,
      ...health("statuspage"),
      webhook: {
        configured: ctx.statusPage.webhookToken !== null,
        url: `${url}/webhooks/statuspage/<STATUSPAGE_WEBHOOK_TOKEN>`,
      },
    },
    {
      name: "twilio",
      label: "Twilio (SMS and voice)",
      configured: ctx.twilio.configured,
      toSet: `TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM ${ENV}`,
      ...health("twilio"),
      webhook: { configured: ctx.twilio.authToken !== null, url: `${url}/webhooks/twilio/sms` },
      /** The Voice URL of a service's number for live call routing (docs/call-routing.md). */
      voiceWebhook: {
        configured: ctx.twilio.authToken !== null,
        url: `${url}/webhooks/twilio/voice/<integrationKey>`,
      },
    },
    {
      name: "email",
      label: "E-mail (SMTP)",
      configured: ctx.email.configured,
      toSet: `SMTP_URL (and FIREWATCH_EMAIL_FROM) ${ENV}`,
      ...health("email"),
    },
  ];
}

/**
 * Refuses at once an action that needs an integration the tenant does not have, saying what to set.
 * @throws ConflictUseCaseError `INTEGRATION.NOT_CONFIGURED`
 */
export async function requireIntegration(
  ctx: WebContext,
  tenantId: string,
  name: IntegrationName,
  action: string,
): Promise<void> {
  const state = (await integrationStates(ctx, tenantId)).find((s) => s.name === name)!;
  if (state.configured) return;
  throw new ConflictUseCaseError(
    "INTEGRATION.NOT_CONFIGURED",
    `${state.label} is not set up for this Firewatch, so ${action} cannot work. To set it up: ${state.toSet}.`,
  );
}
