// The sandbox as the browser tests use it: started in-process as `npm run demo` starts it (sandbox/start.ts), in a
// fresh data directory, beside one Chromium; optionally with the demo's seeded story played first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { startSandbox, type RunningSandbox } from "../../../sandbox/start.ts";
import { seedStory } from "../../../sandbox/story.ts";
import { launchChromium, openContext } from "./browser.ts";

export interface SandboxBrowser {
  readonly sandbox: RunningSandbox;
  readonly browser: Browser;
  /** A browser context; signed in as the admin when `signedIn`. */
  readonly context: BrowserContext;
}

export function useSandboxBrowser(options: { seed: boolean; signedIn: boolean }): SandboxBrowser {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-sandbox-browser-"));
  const world = {} as { sandbox: RunningSandbox; browser: Browser; context: BrowserContext };
  beforeAll(async () => {
    [world.sandbox, world.browser] = await Promise.all([
      startSandbox({ PATH: process.env.PATH, PORT: "0", FIREWATCH_DATA_DIR: dataDir }),
      launchChromium(),
    ]);
    if (options.seed) await seedStory(world.sandbox.world);
    const { url: baseUrl, adminToken: token } = world.sandbox.world;
    world.context = await openContext(world.browser, options.signedIn ? { token, baseUrl } : {});
  });
  afterAll(async () => {
    await world.context?.close();
    await world.browser?.close();
    await world.sandbox?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get sandbox() {
      return world.sandbox;
    },
    get browser() {
      return world.browser;
    },
    get context() {
      return world.context;
    },
  };
}
