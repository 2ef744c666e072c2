// `npm run demo` / `npx firewatch demo`: the sandbox, seeded with the story when sandbox/story.ts is there, its URLs
// printed, running until Ctrl-C (SIGINT) or SIGTERM.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../sync-service/src/config.ts";
import { AppError } from "../sync-service/src/domain/errors.ts";
import { SandboxDataDirError } from "./data-dir.ts";
import { READY_LINE, SANDBOX_NOTICE } from "./notices.ts";
import { startSandbox, type RunningSandbox } from "./start.ts";
import type { SandboxWorld } from "./world.ts";

type Print = (line: string) => void;

/** Runs the demo until a signal. @returns the exit code: 0 after a clean stop, 1 refused (port, directory), 2 bad configuration */
export async function demo(environment: NodeJS.ProcessEnv = process.env, print: Print = console.log): Promise<number> {
  const started = Date.now();
  let asked = false;
  let signalled: () => void = () => undefined;
  const stopAsked = new Promise<void>((resolve) => (signalled = resolve));
  // `on`, not `once`: npm passes a terminal's Ctrl-C on to the demo as well, and a second SIGINT must not kill it
  // half-way through stopping.
  const onSignal = () => {
    asked = true;
    signalled();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    print("Starting the Firewatch sandbox…");
    let sandbox: RunningSandbox;
    try {
      sandbox = await startSandbox(environment);
    } catch (error) {
      if (!(error instanceof AppError || error instanceof ConfigError || error instanceof SandboxDataDirError))
        throw error;
      console.error(`firewatch demo: ${error.message}`);
      return error instanceof ConfigError ? 2 : 1;
    }
    // A signal while the story is seeded stops the sandbox under it: the story's calls then fail, unreported.
    const storyUrl = asked ? null : await Promise.race([seedStory(sandbox.world, print), stopAsked.then(() => null)]);
    if (!asked) printReady(sandbox, storyUrl, Date.now() - started, print);
    await stopAsked;
    print("Stopping the sandbox…");
    await sandbox.stop();
    print("Sandbox stopped.");
    return 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/**
 * Seeds sandbox/story.ts's story when the file is there. A story that fails is reported and the sandbox stays up:
 * every stand-in and the console still work, only emptier.
 */
async function seedStory(world: SandboxWorld, print: Print): Promise<string | null> {
  const module = new URL("./story.ts", import.meta.url);
  if (!fs.existsSync(fileURLToPath(module))) return null;
  print("Seeding the story (a failed build in Jira → an incident → … → the postmortem):");
  try {
    const story = (await import(module.href)) as { seedStory: SeedStory };
    const seeded = await story.seedStory(world, { onProgress: (act) => print(`  … ${act}`) });
    const url = (seeded as { incident?: { url?: unknown } } | undefined)?.incident?.url;
    return typeof url === "string" ? url : null;
  } catch (error) {
    world.clock.present();
    console.error(`firewatch demo: the seeded story failed, the sandbox runs without it: ${String(error)}`);
    return null;
  }
}

/** sandbox/story.ts's entry (imported by path: the file may not be there). */
type SeedStory = (world: SandboxWorld, options?: { onProgress?: (act: string) => void }) => Promise<unknown>;

function printReady(sandbox: RunningSandbox, storyUrl: string | null, afterMs: number, print: Print): void {
  const { world, pages, adminTokenFile } = sandbox;
  const width = Math.max(...pages.map((p) => p.name.length)) + 2;
  print("");
  print(`${READY_LINE} in ${(afterMs / 1000).toFixed(1)} s.`);
  print("");
  print(`  Console:     ${world.url}/`);
  print(`  Sign in with the admin token in ${adminTokenFile ?? "FIREWATCH_ADMIN_TOKEN"}`);
  if (storyUrl) print(`  The story:   ${storyUrl}`);
  const smtp = sandbox.service.smtp;
  const smtpHost = smtp?.host.includes(":") ? `[${smtp.host}]` : smtp?.host;
  if (smtp)
    print(`  E-mail:      smtp://${smtpHost}:${smtp.port}, to <integration key>@localhost (each service's page)`);
  print(`  Stand-ins:   ${world.url}/sandbox/`);
  for (const page of pages) print(`    ${page.name.padEnd(width)}${world.url}${page.path}`);
  print("");
  print(SANDBOX_NOTICE);
  print(`Each run starts fresh: the next one clears ${sandbox.config.dataDir}. Press Ctrl-C to stop.`);
}
