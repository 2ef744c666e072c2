import path from "node:path";
import { DEFAULT_ACTION_ITEM_SLA, type ActionItemSla } from "./domain/postmortem/action-item.ts";
import ipaddr from "ipaddr.js";
import { parseAllowList, type OutboundAllowList } from "./domain/outbound-policy.ts";
import { z } from "zod";
import { DAY_MS } from "./domain/clock.ts";

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Where Forge publishes the keys it signs invocation tokens with (https://developer.atlassian.com/platform/forge/remote/essentials/). */
const FORGE_JWKS_URL = "https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json";

/** proxy-addr's names for address ranges (https://expressjs.com/en/guide/behind-proxies.html). */
const PROXY_RANGE_NAMES = ["loopback", "linklocal", "uniquelocal"];

/** An address or CIDR as proxy-addr reads them: dotted-quad IPv4 or IPv6 (ipaddr.js alone also takes "11" as an IPv4). */
function isProxyAddress(value: string): boolean {
  const [address = "", bits, ...rest] = value.split("/");
  const validAddress = ipaddr.IPv4.isValidFourPartDecimal(address) || ipaddr.IPv6.isValid(address);
  return rest.length === 0 && validAddress && (bits === undefined || ipaddr.isValidCIDR(value));
}

/**
 * Which proxies' X-Forwarded-For to believe: a hop count, or their addresses. `true` (believe anyone) is
 * refused: any client could then choose the address its failed sign-ins are counted under.
 */
const trustProxy = z
  .string()
  .trim()
  .refine(
    (v) =>
      /^([1-9]|10)$/.test(v) ||
      v.split(",").every((p) => PROXY_RANGE_NAMES.includes(p.trim()) || isProxyAddress(p.trim())),
    "must be the number of proxies in front of Firewatch (1-10), or their addresses: IPs, CIDRs, loopback, linklocal or uniquelocal, comma-separated (not true: any client could then choose its address)",
  )
  .transform((v): number | string[] => (/^\d+$/.test(v) ? Number(v) : v.split(",").map((p) => p.trim())));

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** Comma-separated CIDRs, addresses or host names; each entry that is none of them is one issue naming it. */
const outboundAllow = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const { list, refused } = parseAllowList(value);
    for (const entry of refused) {
      ctx.addIssue({
        code: "custom",
        message: `entry ${JSON.stringify(entry)} is neither a CIDR (10.0.0.0/8, fd00::/8), an address (127.0.0.1) nor a host name (hooks.internal)`,
      });
    }
    return list;
  });

const schema = z.object({
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(3000),
  HOST: optional(
    z.union([z.ipv4(), z.ipv6(), z.hostname()], {
      error: "must be an interface address such as 127.0.0.1 or ::1, or a host name",
    }),
  ),
  PUBLIC_URL: optional(url),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")),
  FIREWATCH_DATA_DIR: z.string().min(1).default("./data"),
  FIREWATCH_ADMIN_TOKEN: optional(z.string().min(16, "must be at least 16 characters")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  FIREWATCH_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  FIREWATCH_JQL_TIME_ZONE: z
    .string()
    .refine(validZone, "must be an IANA time zone such as Europe/Berlin")
    .default("UTC"),
  FIREWATCH_JOB_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  JIRA_BASE_URL: optional(url),
  JIRA_EMAIL: optional(z.string()),
  JIRA_API_TOKEN: optional(z.string()),
  JIRA_WEBHOOK_SECRET: optional(z.string()),
  CONFLUENCE_BASE_URL: optional(url),
  CONFLUENCE_SPACE_KEY: optional(
    z.string().regex(/^[A-Za-z0-9~]{1,255}$/, "must be a Confluence space key such as ENG"),
  ),
  FIREWATCH_ACTION_ITEM_SLA_DAYS: z
    .string()
    .regex(/^(SEV[1-4]=\d{1,4})(,SEV[1-4]=\d{1,4})*$/, "must look like SEV1=14,SEV2=30,SEV3=60,SEV4=90")
    .default("SEV1=14,SEV2=30,SEV3=60,SEV4=90"),
  FIREWATCH_ACTION_ITEM_SWEEP_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(DAY_MS)
    .default(15 * 60_000),
  SLACK_BOT_TOKEN: optional(z.string()),
  SLACK_SIGNING_SECRET: optional(z.string()),
  SLACK_API_URL: optional(url),
  STATUSPAGE_API_KEY: optional(z.string()),
  STATUSPAGE_PAGE_ID: optional(z.string()),
  STATUSPAGE_API_URL: optional(url),
  STATUSPAGE_WEBHOOK_TOKEN: optional(z.string()),
  FIREWATCH_EMAIL_FROM: z.string().min(3).default("Firewatch <firewatch@localhost>"),
  FIREWATCH_PAGE_WEBHOOK_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  TWILIO_ACCOUNT_SID: optional(
    z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio account SID (AC + 32 hex characters)"),
  ),
  TWILIO_AUTH_TOKEN: optional(z.string()),
  TWILIO_FROM: optional(z.string().regex(/^\+[1-9]\d{7,14}$/, "must be an E.164 number such as +15551234567")),
  TWILIO_API_URL: optional(url),
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")),
  /** For CLI commands that ask a running service (`postmortem render`): its URL and an API token. */
  FIREWATCH_URL: optional(url),
  FIREWATCH_TOKEN: optional(z.string()),
  FORGE_APP_ID: optional(
    z
      .string()
      .regex(
        /^(ari:cloud:ecosystem::app\/)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        "must be the Forge app's id from manifest.yml (ari:cloud:ecosystem::app/<uuid>, or the uuid)",
      ),
  ),
  FORGE_JWKS_URL: optional(url),
  FIREWATCH_TRUST_PROXY: optional(trustProxy),
  FIREWATCH_AUTH_FAILURE_LIMIT: z.coerce
    .number({ error: "must be a whole number" })
    .int()
    .min(1)
    .max(1_000_000)
    .default(30),
  FIREWATCH_AUTH_FAILURE_WINDOW_MINUTES: z.coerce
    .number({ error: "must be a whole number" })
    .int()
    .min(1)
    .max(1_440)
    .default(15),
  FIREWATCH_WEBHOOK_RATE_PER_MINUTE: z.coerce
    .number({ error: "must be a whole number" })
    .int()
    .min(1)
    .max(10_000_000)
    .default(30_000),
  FIREWATCH_OUTBOUND_ALLOW: outboundAllow,
  FIREWATCH_ENCRYPTION_KEY: optional(
    z
      .string()
      .trim()
      .refine(
        (v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32,
        "must be 32 random bytes in base64 (openssl rand -base64 32)",
      ),
  ),
  FIREWATCH_UNINSTALLED_RETENTION_DAYS: z.coerce
    .number({ error: "must be a whole number of days" })
    .int()
    .min(0)
    .max(3650)
    .default(30),
});

export type Env = z.infer<typeof schema>;

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
  /** FIREWATCH_ENCRYPTION_KEY: seals the app tokens Forge hands over; null lets the server choose (server.ts encryptionKey). */
  readonly encryptionKey: Buffer | null;
  /** How long a site's data is kept after the Forge app is uninstalled from it (a re-install within it restores the site). */
  readonly uninstalledRetentionMs: number;
  /** Every configured credential's value, for the logger to keep out of its lines. */
  readonly secrets: readonly string[];
  readonly env: Env;
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
  const parsed = schema.safeParse(environment);
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
  return {
    port: env.PORT,
    host: env.HOST ?? null,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
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
    secrets: [
      ...SECRET_VARIABLES.flatMap((name) => env[name] ?? []),
      ...passwordOf(env.DATABASE_URL),
      ...passwordOf(env.SMTP_URL),
    ],
    env,
  };
}
