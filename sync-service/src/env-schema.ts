// The environment variables the service reads, as one zod schema: each variable's type, default and the message
// that names what a bad value should look like. config.ts turns the parsed result into the Config.
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { DAY_MS } from "./domain/clock.ts";
import { parseAllowList } from "./domain/outbound-policy.ts";

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

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

const port = z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535);
const host = z.union([z.ipv4(), z.ipv6(), z.hostname()], {
  error: "must be an interface address such as 127.0.0.1 or ::1, or a host name",
});
const MIB = 1024 * 1024;

export const envSchema = z.object({
  PORT: port.default(3000),
  HOST: optional(host),
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
  /** Incident e-mail (docs/alerts.md): the SMTP port to take mail on; unset, none is taken. */
  FIREWATCH_SMTP_PORT: optional(port),
  FIREWATCH_SMTP_HOST: optional(host),
  FIREWATCH_SMTP_MAX_BYTES: z.coerce
    .number({ error: "must be a number of bytes" })
    .int()
    .min(1024)
    .max(100 * MIB)
    .default(10 * MIB),
  FIREWATCH_SMTP_DOMAIN: optional(z.hostname({ error: "must be a domain name such as alerts.example.com" })),
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

export type Env = z.infer<typeof envSchema>;
