// Secrets the service makes itself at first start when none is configured, kept in the data dir (mode 0600):
// the admin API token and the key app tokens are sealed with.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { accessRepository } from "./adapters/persistence/access-repository.ts";
import { ConfigError, type Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import { hashToken } from "./web/middleware/authenticate.ts";

/**
 * FIREWATCH_ADMIN_TOKEN makes that token an admin's. Without it, the first start makes a token and
 * writes it to `<data dir>/admin-token` (mode 0600) so a fresh `npm start` can be used at once.
 */
export async function bootstrapAdmin(
  config: Config,
  access: ReturnType<typeof accessRepository>,
  tenantId: string,
  log: Logger,
) {
  if (config.adminToken) {
    await access.ensureAdminToken(tenantId, hashToken(config.adminToken), "FIREWATCH_ADMIN_TOKEN");
    return;
  }
  if (await access.hasTokens(tenantId)) return;
  const token = `fw_${randomBytes(24).toString("base64url")}`;
  const file = path.join(config.dataDir, "admin-token");
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  await access.ensureAdminToken(tenantId, hashToken(token), "generated at first start");
  log.warn({ file }, "no FIREWATCH_ADMIN_TOKEN set: generated an admin API token and wrote it to this file");
}

/**
 * The key app tokens are sealed with: FIREWATCH_ENCRYPTION_KEY; else, for PGlite in a data dir, one made at
 * first start and kept beside the database in `<data dir>/encryption-key` (mode 0600), like admin-token;
 * for an in-memory database a fresh one (the tokens die with it). With DATABASE_URL the key must be
 * configured when Forge is: a key kept on one host would make the tokens unreadable to every other.
 * @throws ConfigError for DATABASE_URL + FORGE_APP_ID without FIREWATCH_ENCRYPTION_KEY
 */
export function encryptionKey(config: Config, log: Logger): Buffer {
  if (config.encryptionKey) return config.encryptionKey;
  if (config.database.kind === "postgres") {
    if (config.forge)
      throw new ConfigError(
        "invalid configuration: FIREWATCH_ENCRYPTION_KEY is required with DATABASE_URL when FORGE_APP_ID is set (32 random bytes in base64: openssl rand -base64 32)",
      );
    return randomBytes(32); // no Forge, no app tokens to seal
  }
  if (!config.database.dataDir) return randomBytes(32);
  const file = path.join(config.dataDir, "encryption-key");
  const existing = fs.existsSync(file) ? Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64") : null;
  if (existing?.length === 32) return existing;
  if (existing)
    throw new ConfigError(
      `invalid configuration: ${file} does not hold a 32-byte base64 key; restore it, or delete it and the stored app tokens are fetched again from Forge`,
    );
  const key = randomBytes(32);
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600 });
  log.warn(
    { file },
    "no FIREWATCH_ENCRYPTION_KEY set: generated the key app tokens are encrypted with and wrote it to this file",
  );
  return key;
}
