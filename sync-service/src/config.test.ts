import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("defaults to embedded PGlite under ./data on port 3000", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, publicUrl: "http://localhost:3000", adminToken: null });
    expect(config.database).toEqual({ kind: "pglite", dataDir: path.resolve("data/pglite") });
  });

  it("uses PostgreSQL when DATABASE_URL is set, and trims PUBLIC_URL", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://u@db:5432/fw", PUBLIC_URL: "https://fw.example.com/" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://u@db:5432/fw" });
    expect(config.publicUrl).toBe("https://fw.example.com");
  });

  it("names every bad variable in one line", () => {
    const load = () =>
      loadConfig({
        PORT: "eighty",
        DATABASE_URL: "mysql://x",
        JIRA_BASE_URL: "not a url",
        FIREWATCH_ADMIN_TOKEN: "short",
      });
    expect(load).toThrow(ConfigError);
    const message = (() => {
      try {
        load();
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).not.toContain("\n");
    for (const name of ["PORT", "DATABASE_URL", "JIRA_BASE_URL", "FIREWATCH_ADMIN_TOKEN"])
      expect(message).toContain(name);
  });
});

describe("HOST", () => {
  it("is all interfaces by default, else the address or name given", () => {
    expect(loadConfig({}).host).toBeNull();
    expect(loadConfig({ HOST: "127.0.0.1" }).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "::1" }).host).toBe("::1");
    expect(loadConfig({ HOST: "localhost" }).host).toBe("localhost");
  });

  it("refuses what is no interface address or host name, naming HOST", () => {
    expect(() => loadConfig({ HOST: "127.0.0.1:3000" })).toThrow(
      /^invalid configuration: HOST must be an interface address/,
    );
    expect(() => loadConfig({ HOST: "http://localhost" })).toThrow(/HOST must be/);
  });
});

describe("secrets", () => {
  it("lists every configured credential, and the passwords inside URL variables, for the logger", () => {
    const config = loadConfig({
      FIREWATCH_ADMIN_TOKEN: "admin-token-0123456789",
      JIRA_API_TOKEN: "jira-token",
      SLACK_SIGNING_SECRET: "slack-secret",
      STATUSPAGE_WEBHOOK_TOKEN: "statuspage-token",
      TWILIO_AUTH_TOKEN: "twilio-token",
      DATABASE_URL: "postgresql://fw:db%40pass@db:5432/fw",
      SMTP_URL: "smtp://mailer:smtp-pass@mail:587",
    });
    expect([...config.secrets].sort()).toEqual(
      [
        "admin-token-0123456789",
        "db%40pass",
        "db@pass",
        "jira-token",
        "slack-secret",
        "smtp-pass",
        "statuspage-token",
        "twilio-token",
      ].sort(),
    );
  });
});

describe("Forge configuration", () => {
  it("takes the app id with or without its ARI prefix, and Forge's own JWKS by default", () => {
    const id = "6f1d3c2a-0b4e-4a5f-9c8d-7e6f5a4b3c2d";
    expect(loadConfig({ FORGE_APP_ID: id }).forge).toEqual({
      appId: id,
      jwksUrl: "https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json",
    });
    expect(
      loadConfig({
        FORGE_APP_ID: `ari:cloud:ecosystem::app/${id}`,
        FORGE_JWKS_URL: "https://keys.example.com/jwks.json",
      }).forge,
    ).toEqual({
      appId: `ari:cloud:ecosystem::app/${id}`,
      jwksUrl: "https://keys.example.com/jwks.json",
    });
    expect(loadConfig({}).forge).toBeNull();
  });

  it("refuses an app id that is not one, naming the variable", () => {
    expect(() => loadConfig({ FORGE_APP_ID: "firewatch" })).toThrow(
      /^invalid configuration: FORGE_APP_ID must be the Forge app's id from manifest.yml/,
    );
  });
});

describe("per-client limits", () => {
  it("believes no proxy by default, and has budgets high enough for bursts of alerts", () => {
    expect(loadConfig({}).limits).toEqual({
      trustProxy: false,
      authFailures: { limit: 30, windowMs: 15 * 60_000 },
      webhookRequestsPerMinute: 30_000,
    });
  });

  it("takes a hop count or the proxies' addresses", () => {
    expect(loadConfig({ FIREWATCH_TRUST_PROXY: "2" }).limits.trustProxy).toBe(2);
    expect(loadConfig({ FIREWATCH_TRUST_PROXY: "loopback, 10.0.0.0/8,fd00::1" }).limits.trustProxy).toEqual([
      "loopback",
      "10.0.0.0/8",
      "fd00::1",
    ]);
  });

  it.each(["true", "0", "11", "10.0.0.0/33", "proxy.example.com", "10.1"])(
    "refuses FIREWATCH_TRUST_PROXY=%s, naming it",
    (value) => {
      expect(() => loadConfig({ FIREWATCH_TRUST_PROXY: value })).toThrow(
        /^invalid configuration: FIREWATCH_TRUST_PROXY must be the number of proxies/,
      );
    },
  );

  it("refuses a budget that is not a positive whole number", () => {
    expect(() => loadConfig({ FIREWATCH_WEBHOOK_RATE_PER_MINUTE: "0", FIREWATCH_AUTH_FAILURE_LIMIT: "lots" })).toThrow(
      /FIREWATCH_WEBHOOK_RATE_PER_MINUTE.*FIREWATCH_AUTH_FAILURE_LIMIT|FIREWATCH_AUTH_FAILURE_LIMIT.*FIREWATCH_WEBHOOK_RATE_PER_MINUTE/,
    );
  });
});

describe("outbound allow-list", () => {
  it("allows nothing beyond public addresses unless FIREWATCH_OUTBOUND_ALLOW says so", () => {
    expect(loadConfig({}).outboundAllow).toMatchObject({ ranges: [], hosts: new Set() });
    const allow = loadConfig({ FIREWATCH_OUTBOUND_ALLOW: "127.0.0.0/8, hooks.internal" }).outboundAllow;
    expect(allow.ranges.map(([ip, bits]) => `${ip.toString()}/${bits}`)).toEqual(["127.0.0.0/8"]);
    expect([...allow.hosts]).toEqual(["hooks.internal"]);
  });

  it("refuses an entry that is no CIDR, address or host name, naming the variable and the entry", () => {
    expect(() => loadConfig({ FIREWATCH_OUTBOUND_ALLOW: "10.0.0.0/8,10.0.0.0/33,*" })).toThrow(
      'invalid configuration: FIREWATCH_OUTBOUND_ALLOW entry "10.0.0.0/33" is neither a CIDR (10.0.0.0/8, fd00::/8), an address (127.0.0.1) nor a host name (hooks.internal); ' +
        'FIREWATCH_OUTBOUND_ALLOW entry "*" is neither a CIDR (10.0.0.0/8, fd00::/8), an address (127.0.0.1) nor a host name (hooks.internal)',
    );
  });
});

describe("Forge site data", () => {
  const key = Buffer.alloc(32, 9).toString("base64");

  it("takes a 32-byte base64 encryption key, keeps it out of the logs, and keeps an uninstalled site 30 days by default", () => {
    const config = loadConfig({ FIREWATCH_ENCRYPTION_KEY: key });
    expect(config.encryptionKey).toEqual(Buffer.alloc(32, 9));
    expect(config.secrets).toContain(key);
    expect(config.uninstalledRetentionMs).toBe(30 * 86_400_000);
    expect(loadConfig({ FIREWATCH_UNINSTALLED_RETENTION_DAYS: "0" }).uninstalledRetentionMs).toBe(0);
    expect(loadConfig({}).encryptionKey).toBeNull();
  });

  it.each([
    ["16 bytes", Buffer.alloc(16).toString("base64")],
    ["not base64", "not a key at all!"],
  ])("refuses a key of %s, naming the variable", (_why, value) => {
    expect(() => loadConfig({ FIREWATCH_ENCRYPTION_KEY: value })).toThrow(
      /FIREWATCH_ENCRYPTION_KEY must be 32 random bytes in base64/,
    );
  });

  it("requires the key with DATABASE_URL when Forge is configured (a generated key would be one host's only)", () => {
    const forge = { DATABASE_URL: "postgresql://db/firewatch", FORGE_APP_ID: "00000000-0000-4000-8000-00000000f1e0" };
    expect(() => loadConfig(forge)).toThrow(
      /FIREWATCH_ENCRYPTION_KEY is required with DATABASE_URL when FORGE_APP_ID is set/,
    );
    expect(loadConfig({ ...forge, FIREWATCH_ENCRYPTION_KEY: key }).encryptionKey).toHaveLength(32);
    expect(loadConfig({ DATABASE_URL: forge.DATABASE_URL }).encryptionKey).toBeNull();
  });

  it("refuses a retention that is not a whole number of days", () => {
    expect(() => loadConfig({ FIREWATCH_UNINSTALLED_RETENTION_DAYS: "-1" })).toThrow(
      /FIREWATCH_UNINSTALLED_RETENTION_DAYS/,
    );
  });
});

describe("firewatch command", () => {
  const bin = path.resolve(import.meta.dirname, "../../bin/firewatch.mjs");
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      encoding: "utf8",
      timeout: 30_000,
    });

  it("stops start-up with one line naming the bad variable, exit 2", () => {
    const result = run(["start"], { PORT: "99999" });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^firewatch: invalid configuration: PORT /),
    ]);
  });

  it("rejects an unknown command with usage, exit 2", () => {
    const result = run(["launch"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "launch"');
    expect(result.stderr).toContain("firewatch <command>");
  });
});
