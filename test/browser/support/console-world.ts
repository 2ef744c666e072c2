// One browser test file's world: the service on PGlite and Chromium, started before its tests and stopped after.
// `open` signs a fresh browser context in (the admin's token unless told otherwise) and opens a console path;
// `call` is the API as the admin, throwing on a refusal so a test's setup fails where it went wrong.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { DATABASE_KINDS } from "../../support/databases.ts";
import {
  ADMIN_TOKEN,
  startTestService,
  type TestService,
  type TestServiceOptions,
} from "../../support/running-service.ts";
import { collectPageErrors, launchChromium, openContext } from "./browser.ts";

const pglite = DATABASE_KINDS.find((k) => k.name === "pglite")!;

export interface ConsoleWorld {
  readonly svc: TestService;
  readonly browser: Browser;
  call(method: string, path: string, json?: unknown): Promise<any>;
  open(
    path: string,
    viewport?: { width: number; height: number },
    token?: string,
  ): Promise<{ page: Page; errors: string[] }>;
}

/** Registers the world's beforeAll/afterAll in the calling describe; `options` may start stand-ins first. */
export function useConsoleWorld(
  options: () => TestServiceOptions | Promise<TestServiceOptions> = () => ({}),
  { clipboard = false }: { clipboard?: boolean } = {},
): ConsoleWorld {
  let svc: TestService | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    const serviceOptions = await options();
    [svc, browser] = await Promise.all([startTestService(pglite, serviceOptions), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close();
    await svc?.stop();
  });
  const world: ConsoleWorld = {
    get svc() {
      return svc!;
    },
    get browser() {
      return browser!;
    },
    async call(method, path, json) {
      const res = await svc!.api(path, { method, json });
      const body = await res.json().catch(() => null);
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
      return body as any;
    },
    async open(path, viewport = { width: 1280, height: 900 }, token = ADMIN_TOKEN) {
      const context = await openContext(browser!, { token, baseUrl: svc!.url, viewport });
      if (clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: svc!.url });
      contexts.push(context);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${svc!.url}${path}`);
      return { page, errors };
    },
  };
  return world;
}
