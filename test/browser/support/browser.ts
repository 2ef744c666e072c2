// Chromium for the console tests and the console benchmark: Debian's /usr/bin/chromium driven by
// playwright-core (no browser download), one isolated context per flow.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";

// page.evaluate() and addInitScript() functions run in Chromium, not in Node; the root tsconfig has no DOM
// types, so the browser globals they use are declared here, for this module only.
declare const window: any;
declare const document: any;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
/** How long a flow waits for something a user would see (a poll is 2 s; webhooks go through the outbox). */
export const SEEN_WITHIN_MS = 20_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export interface ContextOptions {
  /** Signs in with this API token before the console loads (`POST /api/session` at `baseUrl`, as the sign-in page does). */
  readonly token?: string;
  readonly baseUrl?: string;
  readonly viewport?: { width: number; height: number };
}

/** A fresh context (no cookies, cache or storage of another flow), in UTC and US English so screenshots are stable. */
export async function openContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    timezoneId: "UTC",
    locale: "en-US",
    colorScheme: "light",
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(SEEN_WITHIN_MS);
  // tsx compiles with esbuild's keepNames, which wraps named inner functions in __name(); functions sent
  // to the page (evaluate, init scripts) call it there, so give the page a no-op one.
  await context.addInitScript("globalThis.__name = globalThis.__name || ((target) => target);");
  if (options.token) {
    if (!options.baseUrl) throw new Error("openContext: a token needs the service's baseUrl to sign in");
    // The context's request client shares its cookie jar with the pages: they load signed in.
    const signedIn = await context.request.post(`${options.baseUrl}/api/session`, { data: { token: options.token } });
    if (signedIn.status() !== 201) throw new Error(`signing in answered ${signedIn.status()}`);
  }
  return context;
}

/**
 * Uncaught exceptions in the page, and anything the Content-Security-Policy blocked, as they happen
 * (refused requests are answers, not errors).
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/** Waits until the locator is visible; fails with `what` otherwise. */
export async function seen(locator: Locator, what: string, timeout = SEEN_WITHIN_MS): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: "visible", timeout });
  } catch (error) {
    throw new Error(`${what} was not visible within ${timeout} ms: ${(error as Error).message.split("\n")[0]}`);
  }
  return locator.first();
}

/** Waits until nothing matches the locator (it disappeared or never was). */
export async function gone(locator: Locator, what: string, timeout = SEEN_WITHIN_MS): Promise<void> {
  try {
    await locator.first().waitFor({ state: "hidden", timeout });
  } catch (error) {
    throw new Error(`${what} was still visible after ${timeout} ms: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** Writes docs/screenshots/<name>.png from the page as it is now (or from one element of it, `of`). */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean; of?: Locator } = {},
): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  const settings = { path: file, animations: "disabled", caret: "hide" } as const;
  if (options.of) await options.of.screenshot(settings);
  else await page.screenshot({ ...settings, fullPage: options.fullPage ?? false });
  return file;
}

/** How far the document is wider than the window (0: nothing overflows sideways), and the widest culprits. */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const overflow = document.scrollingElement!.scrollWidth - width;
    const culprits: string[] = [];
    if (overflow > 0) {
      for (const el of Array.from(document.querySelectorAll("body *")) as any[]) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 0.5 && culprits.length < 5)
          culprits.push(
            `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""} right=${Math.round(box.right)}`,
          );
      }
    }
    return { overflow, culprits };
  });
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/**
 * Runs Deque's axe-core (https://github.com/dequelabs/axe-core) in the page against WCAG 2.0/2.1 A and AA
 * and returns the serious and critical violations: missing labels, contrast, keyboard traps, ARIA misuse.
 */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated by the test driver, not added as a <script>: the console's Content-Security-Policy (rightly) refuses inline scripts.
  await page.evaluate(fs.readFileSync(fileURLToPath(import.meta.resolve("axe-core/axe.min.js")), "utf8"));
  const result = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
  )) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
}
