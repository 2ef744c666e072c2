import path from "node:path";
import { DEFAULT_ACTION_ITEM_SLA, type ActionItemSla } from "./domain/postmortem/action-item.ts";
import type { OutboundAllowList } from "./domain/outbound-policy.ts";
import { DAY_MS } from "./domain/clock.ts";
import { envSchema, type Env } from "./env-schema.ts";

/** Where Forge publishes the keys it signs invocation tokens with (https://developer.atlassian.com/platform/forge/remote/essentials/). */
const FORGE_JWKS_URL = "https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json";

/** Variables whose values are credentials: no log line may hold them (logger.ts removes them). */
const SECRET_VARIABLES = [
  "FIREWATCH_ADMIN_TOKEN",
  "JIRA_API_TOKEN",
  "JIRA_WEBHOOK_SECRET",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "STATUSPAGE_API_KEY",
  "STATUSPAGE_WEBHOOK_TOKEN",
  "FIREWATCH_PAGE_WEBHOOK_SECRET",
  "TWILIO_AUTH_TOKEN",
  "FIREWATCH_TOKEN",
  "FIREWATCH_ENCRYPTION_KEY",
] as const satisfies readonly (keyof Env)[];

/** The password part of a URL variable (DATABASE_URL, SMTP_URL), if it has one. */
function passwordOf(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const password = new URL(value).password;
    return password ? [...new Set([password, decodeURIComponent(password)])] : [];
  } catch {
    return [];
  }
}

export interface Config {
  readonly port: number;
  /** The interface to listen on; null means all of them. */
  readonly host: string | null;
  readonly publicUrl: string;
  /** PGlite's `dataDir` null means in memory (tests only). */
  readonly database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string | null };
  readonly dataDir: string;
  readonly adminToken: string | null;
  readonly logLevel: Env["LOG_LEVEL"];
  readonly workerConcurrency: number;
  readonly jobLeaseMs: number;
  /** The zone JQL rule dates ("2026-03-02", startOfDay) are read in. */
  readonly jqlTimeZone: string;
  /** Set when JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN all are. */
  readonly jira: { baseUrl: string; email: string; apiToken: string } | null;
  /** Confluence for postmortems: its site (CONFLUENCE_BASE_URL, else JIRA_BASE_URL), the Atlassian credentials and the space. */
  readonly confluence: { baseUrl: string; email: string; apiToken: string; spaceKey: string } | null;
  readonly actionItemSla: ActionItemSla;
  /** Set when FORGE_APP_ID is: the Forge app whose invocation tokens `/forge` and `/api` accept. */
  readonly forge: { appId: string; jwksUrl: string } | null;
  readonly limits: ClientLimits;
  /** What a tenant-configured URL (a webhook contact method) may reach although not public: FIREWATCH_OUTBOUND_ALLOW. */
  readonly outboundAllow: OutboundAllowList;
  /** FIREWATCH_ENCRYPTION_KEY: seals the app tokens Forge hands over; null lets the server choose (first-start-secrets.ts encryptionKey). */
  readonly encryptionKey: Buffer | null;
  /** How long a site's data is kept after the Forge app is uninstalled from it (a re-install within it restores the site). */
  readonly uninstalledRetentionMs: number;
  /** Incident e-mail: set when FIREWATCH_SMTP_PORT is; `domain` is what the console shows after `<integrationKey>@`. */
  readonly emailIntake: EmailIntakeConfig | null;
  /** Every configured credential's value, for the logger to keep out of its lines. */
  readonly secrets: readonly string[];
  readonly env: Env;
}

export interface EmailIntakeConfig {
  readonly port: number;
  /** The interface to listen on (FIREWATCH_SMTP_HOST, else HOST); null means all of them. */
  readonly host: string | null;
  readonly maxBytes: number;
  readonly domain: string;
}

/** The domain of the service's e-mail addresses by default: PUBLIC_URL's host, an address as a literal (RFC 5321, 4.1.3). */
function domainOf(publicUrl: string): string {
  const { hostname } = new URL(publicUrl);
  if (hostname.startsWith("[")) return `[IPv6:${hostname.slice(1, -1)}]`;
  return /^[\d.]+$/.test(hostname) ? `[${hostname}]` : hostname;
}

/** Per-client brakes (docs/security.md); each process counts on its own. */
export interface ClientLimits {
  /** express's `trust proxy`: false believes no X-Forwarded-For, the client is the socket's peer. */
  readonly trustProxy: false | number | string[];
  /** Failed sign-ins (401s) a client may make per window before it is refused with 429. */
  readonly authFailures: { readonly limit: number; readonly windowMs: number };
  /** Requests per minute a client may send to each public webhook route. */
  readonly webhookRequestsPerMinute: number;
}

export class ConfigError extends Error {}

/** Parses the environment once. @throws ConfigError naming every bad variable on one line */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  const env = parsed.data;
  if (env.DATABASE_URL && env.FORGE_APP_ID && !env.FIREWATCH_ENCRYPTION_KEY) {
    // A key generated on one host would leave every other host sharing the database unable to read the app tokens.
    throw new ConfigError(
      "invalid configuration: FIREWATCH_ENCRYPTION_KEY is required with DATABASE_URL when FORGE_APP_ID is set (32 random bytes in base64: openssl rand -base64 32)",
    );
  }
  const dataDir = path.resolve(env.FIREWATCH_DATA_DIR);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  return {
    port: env.PORT,
    host: env.HOST ?? null,
    publicUrl,
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    dataDir,
    adminToken: env.FIREWATCH_ADMIN_TOKEN ?? null,
    logLevel: env.LOG_LEVEL,
    workerConcurrency: env.FIREWATCH_WORKER_CONCURRENCY,
    jobLeaseMs: env.FIREWATCH_JOB_LEASE_MS,
    jqlTimeZone: env.FIREWATCH_JQL_TIME_ZONE,
    jira:
      env.JIRA_BASE_URL && env.JIRA_EMAIL && env.JIRA_API_TOKEN
        ? { baseUrl: env.JIRA_BASE_URL.replace(/\/$/, ""), email: env.JIRA_EMAIL, apiToken: env.JIRA_API_TOKEN }
        : null,
    confluence:
      env.CONFLUENCE_SPACE_KEY && env.JIRA_EMAIL && env.JIRA_API_TOKEN && (env.CONFLUENCE_BASE_URL ?? env.JIRA_BASE_URL)
        ? {
            baseUrl: (env.CONFLUENCE_BASE_URL ?? env.JIRA_BASE_URL)!.replace(/\/$/, ""),
            email: env.JIRA_EMAIL,
            apiToken: env.JIRA_API_TOKEN,
            spaceKey: env.CONFLUENCE_SPACE_KEY,
          }
        : null,
    actionItemSla: {
      ...DEFAULT_ACTION_ITEM_SLA,
      ...Object.fromEntries(
        env.FIREWATCH_ACTION_ITEM_SLA_DAYS.split(",").map((p) => [p.split("=")[0], Number(p.split("=")[1])]),
      ),
    },
    forge: env.FORGE_APP_ID ? { appId: env.FORGE_APP_ID, jwksUrl: env.FORGE_JWKS_URL ?? FORGE_JWKS_URL } : null,
    limits: {
      trustProxy: env.FIREWATCH_TRUST_PROXY ?? false,
      authFailures: {
        limit: env.FIREWATCH_AUTH_FAILURE_LIMIT,
        windowMs: env.FIREWATCH_AUTH_FAILURE_WINDOW_MINUTES * 60_000,
      },
      webhookRequestsPerMinute: env.FIREWATCH_WEBHOOK_RATE_PER_MINUTE,
    },
    outboundAllow: env.FIREWATCH_OUTBOUND_ALLOW,
    encryptionKey: env.FIREWATCH_ENCRYPTION_KEY ? Buffer.from(env.FIREWATCH_ENCRYPTION_KEY, "base64") : null,
    uninstalledRetentionMs: env.FIREWATCH_UNINSTALLED_RETENTION_DAYS * DAY_MS,
    emailIntake:
      env.FIREWATCH_SMTP_PORT === undefined
        ? null
        : {
            port: env.FIREWATCH_SMTP_PORT,
            host: env.FIREWATCH_SMTP_HOST ?? env.HOST ?? null,
            maxBytes: env.FIREWATCH_SMTP_MAX_BYTES,
            domain: env.FIREWATCH_SMTP_DOMAIN ?? domainOf(publicUrl),
          },
    secrets: [
      ...SECRET_VARIABLES.flatMap((name) => env[name] ?? []),
      ...passwordOf(env.DATABASE_URL),
      ...passwordOf(env.SMTP_URL),
    ],
    env,
  };
}
