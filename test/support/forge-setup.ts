// The Firewatch service as a Forge Remote, with the Forge platform emulator (stand-ins/forge) in
// front of it and one Jira emulator per Atlassian site: each site is a Forge installation, so a tenant.
// No JIRA_* credentials are configured: the service reaches each site only as the app, through the tokens
// Forge sends with its calls.
import { randomUUID } from "node:crypto";
import { ConfluenceEmulator } from "../../stand-ins/confluence/index.ts";
import { ForgePlatform, type ForgeInstallation } from "../../stand-ins/forge/index.ts";
import { JiraEmulator } from "../../stand-ins/jira/index.ts";
import type { TestDatabaseKind } from "./databases.ts";
import { startTestService, type TestService, type TestServiceOptions } from "./running-service.ts";

export interface ForgeSiteWorld {
  readonly jira: JiraEmulator;
  readonly confluence: ConfluenceEmulator;
  readonly installation: ForgeInstallation;
  /** A Jira administrator of the site (ADMINISTER), and a person without it. */
  readonly admin: string;
  readonly person: string;
  /** Adds a person to the site's Jira and Confluence (one Atlassian account); returns the account id. */
  addPerson(name: string): string;
  /** A Forge call to the service's /api as `accountId` (what the app's `api` resolver sends); `headers` are added to it. */
  api(
    accountId: string,
    method: string,
    path: string,
    json?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
}

export interface ForgeWorld {
  readonly svc: TestService;
  readonly platform: ForgePlatform;
  readonly sites: readonly ForgeSiteWorld[];
  stop(): Promise<void>;
}

export async function startForgeWorld(
  kind: TestDatabaseKind,
  siteNames: readonly string[],
  options: TestServiceOptions = {},
): Promise<ForgeWorld> {
  const platform = new ForgePlatform();
  await platform.start();
  const emulators = await Promise.all(
    siteNames.map(async (name) => {
      const cloudId = randomUUID();
      const jira = new JiraEmulator({ cloudId });
      const confluence = new ConfluenceEmulator({ cloudId });
      await Promise.all([jira.start(), confluence.start()]);
      return { name, jira, confluence };
    }),
  );
  const svc = await startTestService(kind, {
    ...options,
    env: { FORGE_APP_ID: platform.appAri, FORGE_JWKS_URL: platform.jwksUrl, ...options.env },
  });
  platform.remoteUrl = svc.url;
  const sites = emulators.map(({ name, jira, confluence }): ForgeSiteWorld => {
    const installation = platform.install({ jira, confluence, siteUrl: `https://${name}.atlassian.net` });
    installation.deliverProductEvents();
    const addPerson = (personName: string) => {
      const user = jira.addUser(personName);
      confluence.addUser(user.accountId, personName, user.emailAddress);
      return user.accountId;
    };
    const admin = addPerson(`${name} admin`);
    jira.grantAdmin(admin);
    const person = addPerson(`${name} responder`);
    return {
      jira,
      confluence,
      installation,
      admin,
      person,
      addPerson,
      async api(accountId, method, path, json, extra = {}) {
        const headers: Record<string, string> = {
          "content-type": "application/json",
          "x-firewatch-site-url": `https://${name}.atlassian.net`,
          ...extra,
        };
        const res = await installation.invokeRemote(
          path,
          { method, headers, body: json === undefined ? undefined : JSON.stringify(json) },
          { accountId },
        );
        const text = await res.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON (a Markdown preview, an empty 204)
        }
        return { status: res.status, body };
      },
    };
  });
  // Soon after installing, each product's installation runs its scheduled trigger: the service meets the
  // site and gets the app's token for Jira and for Confluence.
  for (const site of sites)
    for (const product of ["jira", "confluence"] as const) await site.installation.scheduledTrigger(product);
  return {
    svc,
    platform,
    sites,
    async stop() {
      await svc.stop();
      await Promise.all(emulators.flatMap(({ jira, confluence }) => [jira.stop(), confluence.stop()]));
      await platform.stop();
    },
  };
}
