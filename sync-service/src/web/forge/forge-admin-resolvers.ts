// The admin page's resolvers: the site's connection and Firewatch's settings for it, for Jira administrators only.
import { z } from "zod";
import { SEVERITIES } from "../../domain/severity.ts";
import { missingTokenReason } from "../../formats/forge/app-token.ts";
import { saveTenantSettings } from "../../usecases/access/save-tenant-settings.ts";
import { requireAdmin } from "../../usecases/shared/require-role.ts";
import type { WebContext } from "../context.ts";
import { BadRequestWebError, parseOrThrow } from "../errors.ts";
import type { ConsoleLinks, ForgeResolver } from "./forge-resolver.ts";

const projectKey = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{0,9}$/, "must be a Jira project key such as OPS")
  .nullable();

const settingsBody = z.strictObject({
  settings: z.strictObject({
    tickets: z.strictObject({
      projectKey,
      issueType: z.string().trim().min(1).max(255),
      priorities: z.strictObject(
        Object.fromEntries(SEVERITIES.map((s) => [s, z.string().trim().min(1).max(255)])) as Record<
          (typeof SEVERITIES)[number],
          z.ZodString
        >,
      ),
      originAcknowledges: z.boolean().optional(),
      originResolves: z.boolean().optional(),
      resolution: z.string().trim().min(1).max(255).nullable().optional(),
    }),
    confluenceSpaceKey: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9~]{1,255}$/, "must be a Confluence space key such as ENG")
      .nullable(),
  }),
});

const SITE_ADMINS_ONLY = "Only a Jira administrator can change Firewatch's settings for this site.";

export const ADMIN_RESOLVERS: Readonly<Record<string, ForgeResolver>> = {
  /** The admin page: the site's connection and its settings. */
  async "admin-settings"(ctx, by, _body, links) {
    requireAdmin(by, SITE_ADMINS_ONLY);
    return adminView(ctx, by.tenantId, links);
  },

  /** Saves the admin page's settings once the site has confirmed each value; a refusal names every wrong one. */
  async "save-admin-settings"(ctx, by, body, links) {
    requireAdmin(by, SITE_ADMINS_ONLY);
    const { settings } = parseOrThrow(settingsBody, body);
    const problems = await saveTenantSettings(ctx, by.tenantId, settings);
    if (problems.length > 0) {
      const named = problems.map((p) => `\`${p.path}\`: ${p.message}`).join(" ");
      throw new BadRequestWebError(
        "SETTINGS.NOT_ON_SITE",
        `Nothing was saved; the site does not have what these settings name. ${named}`,
        problems,
      );
    }
    return adminView(ctx, by.tenantId, links);
  },
};

async function adminView(ctx: WebContext, tenantId: string, links: ConsoleLinks) {
  const profile = (await ctx.installations.profile(tenantId))!;
  const now = ctx.clock.now();
  const credential = async (product: "jira" | "confluence") => {
    const c = await ctx.installations.credential(tenantId, product);
    return { tokenExpiresAt: c?.expiresAt.toISOString() ?? null, problem: missingTokenReason(product, c, now) };
  };
  const health = await ctx.uow.run((tx) => tx.integrations.list(tenantId));
  const healthOf = (name: string) => {
    const h = health.find((x) => x.name === name);
    return {
      healthy: h?.healthy ?? null,
      lastError: h?.lastError ?? null,
      checkedAt: h?.checkedAt.toISOString() ?? null,
    };
  };
  return {
    site: { cloudId: profile.cloudId, siteUrl: profile.siteUrl },
    service: { publicUrl: ctx.publicUrl },
    // The console as this site's people open it: inside Jira.
    console: { url: links.url() },
    connection: {
      jira: { ...(await credential("jira")), ...healthOf("jira") },
      confluence: { ...(await credential("confluence")), ...healthOf("confluence") },
    },
    settings: profile.settings,
  };
}
