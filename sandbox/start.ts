// Starts the sandbox: a fresh data directory, the stand-ins, and the service on PGlite configured against them, with
// the stand-ins mounted on its own port under /sandbox/ and a clock the seeded story can move into the past.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { loadConfig, type Config } from "../sync-service/src/config.ts";
import { startService, type RunningService } from "../sync-service/src/server.ts";
import { ShiftableClock } from "./clock.ts";
import { freshSandboxDir } from "./data-dir.ts";
import { sandboxIndexHandler } from "./index-page.ts";
import { mountStandIns, SANDBOX_PATH, type StandInPage } from "./mounts.ts";
import { connectStandIns, createStandIns, standInEnv, type StandIns } from "./stand-ins.ts";
import type { SandboxWorld } from "./world.ts";

/** Where `npm run demo` keeps its database without FIREWATCH_DATA_DIR: beside `npm start`'s, never in it. */
export const DEFAULT_SANDBOX_DIR = "./data/sandbox";

/** Variables the sandbox sets itself: a deployment's own Jira, Slack, database… must never be reached from it. */
const SANDBOX_OWNED = /^(DATABASE_URL|FORGE_.*|JIRA_.*|CONFLUENCE_.*|SLACK_.*|STATUSPAGE_.*|TWILIO_.*|SMTP_URL)$/;

export interface RunningSandbox {
  readonly world: SandboxWorld;
  readonly service: RunningService;
  readonly standIns: StandIns;
  /** The stand-ins' pages (paths on the service). */
  readonly pages: readonly StandInPage[];
  readonly config: Config;
  /** The file holding the admin token, or null when FIREWATCH_ADMIN_TOKEN gave it. */
  readonly adminTokenFile: string | null;
  /** Whether a previous run's data was cleared. */
  readonly cleared: boolean;
  stop(): Promise<void>;
}

/**
 * Starts everything; honours PORT (0: any free port), FIREWATCH_SMTP_PORT (default 0: any free port), HOST (default 127.0.0.1: nothing is reachable from another
 * machine), PUBLIC_URL, FIREWATCH_DATA_DIR (default ./data/sandbox), FIREWATCH_ADMIN_TOKEN and LOG_LEVEL (default
 * error: the first-start notices about generated secrets are what the demo prints itself).
 * @throws ConfigError, SandboxDataDirError, or an AppError for a port or directory in use
 */
export async function startSandbox(environment: NodeJS.ProcessEnv = process.env): Promise<RunningSandbox> {
  const env: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(environment).filter(([name]) => !SANDBOX_OWNED.test(name)),
  );
  env.HOST ||= "127.0.0.1";
  env.LOG_LEVEL ||= "error";
  env.FIREWATCH_DATA_DIR ||= DEFAULT_SANDBOX_DIR;
  // Incident e-mail on any free port of HOST; the demo prints where, and each service's page its address.
  env.FIREWATCH_SMTP_PORT ||= "0";
  env.FIREWATCH_SMTP_DOMAIN ||= "localhost";
  // Checked once before anything is made, so a bad PORT or HOST is reported as `npm start` reports it.
  const checked = loadConfig(env);
  const port = checked.port === 0 ? await freePort(checked.host) : checked.port;
  const publicUrl = (env.PUBLIC_URL || `http://${urlHost(checked.host)}:${port}`).replace(/\/+$/, "");
  const { cleared } = await freshSandboxDir(checked.dataDir);
  const standIns = createStandIns();
  const { urls, mounts, pages } = await mountStandIns(standIns, publicUrl);
  const stopStandIns = () => stopAll(standIns);
  const config = loadConfig({ ...env, PORT: String(port), PUBLIC_URL: publicUrl, ...standInEnv(standIns, urls) });
  const clock = new ShiftableClock();
  const service = await startService(config, {
    clock,
    mounts: [...mounts, { path: SANDBOX_PATH, handler: sandboxIndexHandler(pages) }],
    sandbox: {
      links: [{ name: "All stand-ins", url: `${SANDBOX_PATH}/` }, ...pages.map((p) => ({ name: p.name, url: p.path }))],
    },
  }).catch(async (error: unknown) => {
    await stopStandIns();
    throw error;
  });
  try {
    connectStandIns(standIns, config.publicUrl);
    // Slack checks an Events Request URL with a challenge before it sends anything there.
    const verified = await standIns.slack.verifyUrl();
    if (verified.status !== 200) throw new Error(`the service refused Slack's url_verification: ${verified.status}`);
  } catch (error) {
    await service.stop();
    await stopStandIns();
    throw error;
  }
  const adminTokenFile = config.adminToken ? null : path.join(config.dataDir, "admin-token");
  const adminToken = config.adminToken ?? fs.readFileSync(adminTokenFile!, "utf8").trim();
  const world: SandboxWorld = { url: config.publicUrl, adminToken, clock, ...standIns };
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clock.present();
      await service.stop();
      await stopStandIns();
    })());
  return { world, service, standIns, pages, config, adminTokenFile, cleared, stop };
}

/** Stops every stand-in; a webhook still in flight to the stopped service fails at once and is not waited for. */
async function stopAll({ jira, confluence, slack, statuspage, twilio, mail }: StandIns): Promise<void> {
  await Promise.allSettled([jira.stop(), confluence.stop(), slack.stop(), statuspage.stop(), twilio.stop()]);
  await mail.stop();
}

function urlHost(host: string | null): string {
  const shown = !host || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return shown.includes(":") ? `[${shown}]` : shown;
}

/** A port free right now on `host`; the service's own URLs (stand-in links, callbacks) need it before it listens. */
function freePort(host: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host ?? undefined, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
