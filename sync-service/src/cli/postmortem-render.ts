import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config.ts";

const FORMATS = ["adf", "storage", "markdown"] as const;

/**
 * `firewatch postmortem render <key> --format adf|storage|markdown`: prints the body Firewatch would write
 * to Confluence, asked of the running service (its database may be an embedded PGlite that only the
 * service can open). The service is FIREWATCH_URL or this machine's PORT; the token is FIREWATCH_TOKEN,
 * FIREWATCH_ADMIN_TOKEN or the admin token the first start wrote to the data directory.
 * @returns 0 printed, 1 the service refused (its message on `err`), 2 bad arguments or no service
 */
export async function postmortemRender(
  config: Config,
  args: { key: string | undefined; format: string | undefined },
  out: (text: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const format = args.format ?? "adf";
  if (!args.key || !(FORMATS as readonly string[]).includes(format)) {
    err("usage: firewatch postmortem render <incident key> --format adf|storage|markdown");
    return 2;
  }
  const base = (config.env.FIREWATCH_URL ?? `http://127.0.0.1:${config.port}`).replace(/\/$/, "");
  const token =
    config.env.FIREWATCH_TOKEN ??
    config.adminToken ??
    (await readFile(path.join(config.dataDir, "admin-token"), "utf8").catch(() => "")).trim();
  if (!token) {
    err(
      `firewatch: no API token; set FIREWATCH_TOKEN (or start the service once so it writes ${path.join(config.dataDir, "admin-token")})`,
    );
    return 2;
  }
  let res: Response;
  try {
    res = await fetch(`${base}/api/incidents/${encodeURIComponent(args.key)}/postmortem/preview?format=${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch (error) {
    err(
      `firewatch: cannot reach the service at ${base} (${(error as Error).message}); start it with npm start or set FIREWATCH_URL`,
    );
    return 2;
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { error: { message: string } }).error.message;
    } catch {
      // not JSON: print as is
    }
    err(`firewatch: ${res.status}: ${message}`);
    return 1;
  }
  out(format === "adf" ? `${JSON.stringify((JSON.parse(text) as { body: unknown }).body, null, 2)}\n` : text);
  return 0;
}
