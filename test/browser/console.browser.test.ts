// The web console in a real browser (Debian's Chromium through playwright-core) against the real service on
// PGlite with the Jira emulator and signed webhooks (test/support/jira-setup.ts). Each flow opens its own
// browser context and makes its own data; assertions are on what a person sees (roles, names, text). The
// run writes the screenshots in docs/screenshots/. `npm run test:browser`; not part of `npm test`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { ADMIN_TOKEN, eventually } from "../support/running-service.ts";
import {
  accessibilityViolations,
  collectPageErrors,
  gone,
  horizontalOverflow,
  launchChromium,
  openContext,
  screenshot,
  seen,
  type ContextOptions,
} from "./support/browser.ts";

// page.evaluate() functions run in Chromium; the root tsconfig has no DOM types (this module only).
declare const window: any;

const pglite = DATABASE_KINDS.find((k) => k.name === "pglite")!;

describe("the web console in Chromium", () => {
  let w: JiraWorld;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [w, browser] = await Promise.all([startJiraWorld(pglite), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close();
    const unexpected = w?.jira.unexpected() ?? [];
    await w?.stop();
    expect(unexpected).toEqual([]);
  });

  /** A fresh browser context and page; the page's uncaught exceptions fail the flow at its end. */
  async function open(
    hash: string,
    options: ContextOptions = { token: ADMIN_TOKEN },
  ): Promise<{ page: Page; errors: string[] }> {
    const context = await openContext(browser, { baseUrl: w.svc.url, ...options });
    contexts.push(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${w.svc.url}/${hash}`);
    return { page, errors };
  }

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await w.call(method, path, json);
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Marks the document; `reloaded(page)` is true once a navigation has replaced it (so "without reload" is checked). */
  const markDocument = (page: Page) =>
    page.evaluate(() => ((window as unknown as { __firewatchMark: number }).__firewatchMark = 1));
  const reloaded = async (page: Page) =>
    !(await page.evaluate(() => (window as unknown as { __firewatchMark?: number }).__firewatchMark === 1));

  const headerStatus = (page: Page, status: string) =>
    page.locator("header.incident-header").getByText(status, { exact: true });
  const feed = (page: Page) => page.getByRole("feed");

  it("signs in with the admin token, and shows the API's refusal of a wrong token beside the field", async () => {
    const { page, errors } = await open("", {});
    const token = page.getByLabel("API token");
    await seen(token, "the API token field");
    await screenshot(page, "sign-in");

    const refusal = await w.svc.api("/api/me", { token: "not-a-valid-token" });
    expect(refusal.status).toBe(401);
    const message = ((await refusal.json()) as { error: { message: string } }).error.message;
    await token.fill("not-a-valid-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await seen(page.getByRole("alert").filter({ hasText: message }), `the API's message "${message}"`);
    expect(await token.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("heading", { name: "Firewatch", level: 1 }).isVisible()).toBe(true);

    await token.fill(ADMIN_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await seen(page.getByRole("heading", { name: "Incidents", level: 1 }), "the incident list");
    await seen(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "On-call" }),
      "the main navigation",
    );
    expect(await page.getByLabel("API token").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("declares an incident from the console, then acknowledges and resolves it without a reload", async () => {
    for (const [title, severity] of [
      ["Search results empty for some users", "SEV3"],
      ["Checkout p99 latency above 2 s", "SEV2"],
      ["Nightly export late", "SEV4"],
    ] as const) {
      await call("POST", "/api/incidents", { title, severity });
    }
    const { page, errors } = await open("incidents");
    await seen(
      page
        .getByRole("table", { name: "Incidents" })
        .getByRole("row")
        .filter({ hasText: "Checkout p99 latency above 2 s" }),
      "a listed incident",
    );
    await screenshot(page, "incidents");

    await page.getByRole("button", { name: "Declare incident" }).click();
    const form = page.getByRole("form", { name: "Declare incident" });
    await form.getByLabel("Title").fill("Card payments failing in EU");
    await form.getByLabel("Severity").selectOption("SEV1");
    await form.getByLabel("Description").fill("Card gateway answers 502 for a third of EU payments.");
    await form.getByRole("button", { name: "Declare", exact: true }).click();

    const heading = await seen(
      page.getByRole("heading", { level: 1, name: /^INC-\d+: Card payments failing in EU$/ }),
      "the new incident's page",
    );
    const key = (await heading.textContent())!.split(":")[0]!;
    expect(page.url()).toBe(`${w.svc.url}/incidents/${key}`);
    expect((await call("GET", `/api/incidents/${key}`)).severity).toBe("SEV1");
    await seen(headerStatus(page, "triggered"), "the status triggered");
    await markDocument(page);

    await page.getByRole("button", { name: "Acknowledge" }).click();
    await seen(headerStatus(page, "acknowledged"), "the status acknowledged");
    await gone(page.getByRole("button", { name: "Acknowledge" }), "the Acknowledge button");
    await page.getByRole("button", { name: "Resolve" }).click();
    await seen(headerStatus(page, "resolved"), "the status resolved");
    await gone(page.getByRole("button", { name: "Resolve" }), "the Resolve button");
    expect(await headerStatus(page, "triggered").count()).toBe(0);
    expect(await reloaded(page)).toBe(false);
    expect((await call("GET", `/api/incidents/${key}`)).status).toBe("resolved");
    expect(errors).toEqual([]);
  });

  it("shows a Jira comment, delivered by signed webhook, on the open incident's timeline without a reload", async () => {
    const { key, issueKey } = await w.incidentWithIssue("Checkout latency over SLO");
    const { page, errors } = await open(`incidents/${key}`);
    await seen(feed(page).getByRole("article").first(), "the timeline");
    await seen(
      page.getByRole("region", { name: "Jira issues" }).getByRole("link", { name: issueKey }),
      "the linked issue",
    );
    await markDocument(page);

    const comment = "Rolled back the payment gateway deploy; p99 is recovering.";
    expect(await feed(page).getByRole("article").filter({ hasText: comment }).count()).toBe(0);
    await w.jira.commentAsUser(issueKey, comment);
    const entry = await seen(
      feed(page).getByRole("article", { name: "Jira: ticket.comment" }).filter({ hasText: comment }),
      "the Jira comment's timeline entry",
    );
    expect(await entry.getAttribute("aria-label")).toBe("Jira: ticket.comment");
    expect(await reloaded(page)).toBe(false);
    await screenshot(page, "incident");
    expect(errors).toEqual([]);
  });

  it("adds a note and marks it as a key moment", async () => {
    const incident = await call("POST", "/api/incidents", { title: "Login emails delayed", severity: "SEV3" });
    const { page, errors } = await open(`incidents/${incident.key}`);
    await seen(feed(page).getByRole("article").first(), "the timeline");

    const text = "Mail provider confirms a queue backlog in eu-west.";
    const note = page.getByRole("textbox", { name: "Note", exact: true });
    await note.fill(text);
    await page.getByRole("button", { name: "Add note" }).click();
    const entry = feed(page).getByRole("article").filter({ hasText: text });
    await seen(entry, "the note on the timeline");
    expect(await note.inputValue()).toBe("");

    await entry.getByRole("button", { name: "Mark as key moment" }).click();
    const marked = await seen(
      entry.getByRole("button", { name: "Unmark key moment" }),
      "the note marked as a key moment",
    );
    expect(await marked.getAttribute("aria-pressed")).toBe("true");

    // The filter asks the API for key moments only: the note stays, the declaration goes.
    await page.getByLabel("Key moments only").check();
    await gone(
      feed(page).getByRole("article", { name: "Firewatch: incident.declared" }),
      "the declaration entry under the key-moment filter",
    );
    await seen(feed(page).getByRole("article").filter({ hasText: text }), "the key-moment note under the filter");
    const entries = await w.timeline(incident.key);
    expect(entries.find((e: any) => e.body === text)?.keyMoment).toBe(true);
    expect(errors).toEqual([]);
  });

  it("previews the postmortem with the incident's title", async () => {
    const incident = await call("POST", "/api/incidents", { title: "Image uploads failing", severity: "SEV2" });
    await call("POST", `/api/incidents/${incident.key}/notes`, { body: "Object store returns 503 on PUT." });
    await call("POST", `/api/incidents/${incident.key}/resolve`);
    const { page, errors } = await open(`incidents/${incident.key}`);
    const panel = page.getByRole("region", { name: "Postmortem" });
    await panel.getByRole("button", { name: "Preview" }).click();
    const frame = page.frameLocator('iframe[title="Postmortem preview"]');
    await seen(page.getByTitle("Postmortem preview"), "the preview frame");
    await seen(frame.getByText("Image uploads failing").first(), "the incident title inside the preview");
    await seen(frame.getByText("Object store returns 503 on PUT.").first(), "the note inside the preview");
    expect(await panel.getByRole("button", { name: "Hide preview" }).getAttribute("aria-expanded")).toBe("true");
    await page.getByTitle("Postmortem preview").scrollIntoViewIfNeeded();
    await screenshot(page, "postmortem-preview");
    expect(errors).toEqual([]);
  });

  it("adds an on-call override with the form and shows it on the calendar", async () => {
    const user = async (name: string) =>
      call("POST", "/api/users", { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.com` });
    const [ada, bob] = [await user("Ada Lovelace"), await user("Bob Kahn")];
    await user("Carol Shaw");
    const schedule = await call("POST", "/api/schedules", {
      name: "Platform primary",
      timeZone: "UTC",
      layers: [{ users: [ada.id, bob.id], rotation: { type: "daily", shiftLength: 1, start: "2020-01-01T00:00" } }],
    });
    const { page, errors } = await open("oncall");
    await seen(page.getByRole("heading", { name: "On-call", level: 1 }), "the On-call page");
    const calendar = page.getByRole("region", { name: "Shifts" });
    await seen(calendar.getByText(/Ada Lovelace|Bob Kahn/), "the rotation's shifts on the calendar");
    expect(await calendar.getByText("Carol Shaw (override)").count()).toBe(0);

    await page.getByRole("button", { name: "Add override" }).click();
    await page.getByLabel("Covering person").selectOption({ label: "Carol Shaw" });
    // "Replaces" starts at "Whoever is on call": Carol takes over the shift, as in PagerDuty.
    await expect.poll(() => page.getByLabel("Replaces").inputValue()).toBe("");
    // From the start of this hour (UTC, the context's zone) for two hours: inside the week the calendar shows.
    const start = new Date();
    start.setUTCMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    const local = (d: Date) => d.toISOString().slice(0, 16);
    await page.getByLabel("Starts").fill(local(start));
    await page.getByLabel("Ends").fill(local(end));
    await page.getByRole("button", { name: "Save override" }).click();

    await seen(calendar.getByText("Carol Shaw (override)"), "the override on the calendar");
    await seen(
      page.getByRole("region", { name: "Overrides" }).getByRole("row").filter({ hasText: "Carol Shaw" }),
      "the override in the list",
    );
    const stored = (await call("GET", `/api/schedules/${schedule.id}`)).overrides;
    expect(stored).toEqual([
      {
        user: expect.any(String),
        start: start.toISOString().replace(".000", ""),
        end: end.toISOString().replace(".000", ""),
      },
    ]);
    const summary = (await call("GET", "/api/schedules")).schedules.find((s: any) => s.id === schedule.id);
    expect(summary.onCallNow.map((p: any) => p.name)).toEqual(["Carol Shaw"]);
    await screenshot(page, "oncall");
    expect(errors).toEqual([]);
  });

  it("shows a Jira-side Done on the action-item tracker without a reload", async () => {
    const service = await call("POST", "/api/services", { name: "Payments", jira: { projectKey: "OPS" } });
    const incident = await call("POST", "/api/incidents", {
      title: "Card gateway certificate expired",
      severity: "SEV1",
      serviceId: service.id,
    });
    const { page, errors } = await open(`incidents/${incident.key}`);
    const title = "Alert on certificate expiry 30 days ahead";
    const panel = page.getByRole("region", { name: "Postmortem" });
    await panel.getByRole("textbox", { name: "Action item" }).fill(title);
    await panel.getByRole("button", { name: "Add", exact: true }).click();
    const issueLink = await seen(
      panel
        .getByRole("listitem")
        .filter({ hasText: title })
        .getByRole("link", { name: /^OPS-\d+$/ }),
      "the action item's Jira issue",
    );
    const issueKey = (await issueLink.textContent())!;

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Action items" }).click();
    await seen(page.getByRole("heading", { name: "Action items", level: 1 }), "the action-item tracker");
    await page.getByLabel("Status").selectOption({ label: "All" });
    const row = page.getByRole("row").filter({ hasText: title });
    await seen(row.getByText("Open", { exact: true }), "the item's Jira status Open");
    await seen(row.getByRole("link", { name: issueKey }), "the item's issue key");
    expect(await row.getByText("done", { exact: true }).count()).toBe(0);
    await markDocument(page);

    await w.jira.transitionAsUser(issueKey, "Closed");
    await seen(row.getByText("Closed", { exact: true }), "the item's Jira status Closed");
    await seen(row.getByText("done", { exact: true }), "the item marked done");
    expect(await reloaded(page)).toBe(false);
    await eventually("the item done in the API", async () =>
      (await call("GET", "/api/action-items?status=done")).actionItems.some((i: any) => i.title === title),
    );
    await screenshot(page, "action-items");
    expect(errors).toEqual([]);
  });

  it("shows an API refusal next to its cause, never a blank screen", async () => {
    const { page, errors } = await open("incidents");
    await page.getByRole("button", { name: "Declare incident" }).click();
    const form = page.getByRole("form", { name: "Declare incident" });
    const title = form.getByLabel("Title");
    await title.fill("   ");
    await form.getByRole("button", { name: "Declare", exact: true }).click();
    const refused = await w.call("POST", "/api/incidents", { title: "   ", severity: "SEV3" });
    expect(refused.status).toBe(400);
    // The API names the field (`error.fields`); the console shows that field's problem beside it.
    const titleProblem = refused.body.error.fields.find((f: any) => f.path === "title").message as string;
    await seen(
      form.getByRole("alert").filter({ hasText: titleProblem }),
      `the API's "${titleProblem}" beside the title`,
    );
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await title.getAttribute("aria-describedby"))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(titleProblem);
    expect(await form.getByRole("heading", { name: "Declare an incident" }).isVisible()).toBe(true);

    // A blank note: the API's message shows in the note form, the timeline stays.
    const incident = await call("POST", "/api/incidents", { title: "Status page widget blank", severity: "SEV4" });
    const blankNote = await w.call("POST", `/api/incidents/${incident.key}/notes`, { body: "" });
    expect(blankNote.status).toBe(400);
    await page.goto(`${w.svc.url}/incidents/${incident.key}`);
    await seen(feed(page).getByRole("article").first(), "the timeline");
    await page.getByRole("button", { name: "Add note" }).click();
    await seen(
      page
        .getByRole("form", { name: "Add a note" })
        .getByRole("alert")
        .filter({ hasText: blankNote.body.error.message }),
      "the API's refusal of a blank note",
    );
    expect(await feed(page).getByRole("article").count()).toBeGreaterThan(0);
    expect(
      await page.getByRole("heading", { level: 1, name: `${incident.key}: Status page widget blank` }).isVisible(),
    ).toBe(true);
    expect(errors).toEqual([]);
  });

  it("fits the incident page in a phone's width (390×844) with nothing overflowing sideways", async () => {
    const { key, issueKey } = await w.incidentWithIssue(
      "Checkout latency over SLO for customers paying with saved cards in the EU region",
    );
    await call("POST", `/api/incidents/${key}/notes`, {
      body: `Tracking in ${issueKey}; https://grafana.example.com/d/checkout-latency-overview?orgId=1&from=now-6h&to=now&var-region=eu-west-1`,
    });
    await call("POST", `/api/incidents/${key}/action-items`, { title: "Budget the saved-card lookup at 150 ms" });
    const { page, errors } = await open(`incidents/${key}`, {
      token: ADMIN_TOKEN,
      viewport: { width: 390, height: 844 },
    });
    await seen(page.getByRole("heading", { level: 1, name: new RegExp(`^${key}: `) }), "the incident heading");
    await seen(feed(page).getByRole("article").filter({ hasText: "grafana.example.com" }), "the note with a long link");
    await seen(
      page.getByRole("region", { name: "Jira issues" }).getByRole("link", { name: issueKey }),
      "the linked issue",
    );
    await seen(page.getByRole("button", { name: "Add note" }), "the note form");
    const { overflow, culprits } = await horizontalOverflow(page);
    expect({ overflow: Math.max(0, overflow), culprits }).toEqual({ overflow: 0, culprits: [] });
    expect(await page.evaluate(() => window.innerWidth)).toBe(390);
    await screenshot(page, "incident-phone", { fullPage: true });
    expect(errors).toEqual([]);
  });

  it("writes an escalation rule: JQL checked as it is typed, with the parser's position, then saved", async () => {
    await call("POST", "/api/services", { name: "CI builds" });
    const { page, errors } = await open("rules");
    await seen(page.getByRole("heading", { name: "Escalation rules", level: 1 }), "the Escalation rules page");
    await page.getByRole("button", { name: "New rule" }).click();
    await page.getByLabel("Name").fill("Failed builds page on-call");
    const jql = page.getByLabel("JQL");
    await jql.fill("project = CI AND labels = build-failed AND");
    const check = (await call("POST", "/api/escalation-rules/validate", {
      jql: "project = CI AND labels = build-failed AND",
    })) as { error: { message: string; line: number; column: number } };
    await seen(page.getByText(check.error.message).first(), `the parser's message "${check.error.message}"`);
    await seen(
      page.getByText(`line ${check.error.line}, column ${check.error.column}`).first(),
      "the error's position",
    );
    expect(await jql.getAttribute("aria-invalid")).toBe("true");

    await jql.fill("project = CI AND labels = build-failed AND priority in (Highest, High)");
    await gone(page.getByText(check.error.message), "the parser's message once the JQL is valid");
    await page.getByLabel("Service").selectOption({ label: "CI builds" });
    await page.getByRole("button", { name: "Save rule" }).click();
    await seen(
      page.getByText("project = CI AND labels = build-failed AND priority in (Highest, High)").first(),
      "the saved rule's JQL in the list",
    );
    const rules = (await call("GET", "/api/escalation-rules")) as { rules: { name: string }[] };
    expect(rules.rules.map((r) => r.name)).toContain("Failed builds page on-call");
    await screenshot(page, "rules");
    expect(errors).toEqual([]);
  });

  it("opens the reports page with its charts and tables", async () => {
    const { page, errors } = await open("reports");
    await seen(page.getByRole("heading", { name: "Reports", level: 1 }), "the Reports page");
    await seen(page.getByRole("region", { name: "Incidents by service" }), "the report's tables");
    await screenshot(page, "reports");
    expect(await page.getByText("This view failed to render").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("has no serious or critical WCAG 2.1 A/AA violations (axe-core) on any main page", async () => {
    const incident = (await call("POST", "/api/incidents", { title: "Accessibility check", severity: "SEV2" })) as {
      key: string;
    };
    await call("POST", `/api/incidents/${incident.key}/notes`, {
      body: "A note, so the timeline has more than one source",
    });
    const people = (await call("GET", "/api/users")) as { users: { id: string; name: string }[] };
    const pages: [string, string][] = [
      ["incidents", "Incidents"],
      [`incidents/${incident.key}`, incident.key],
      ["oncall", "On-call"],
      ["rules", "Escalation rules"],
      ["people", "People"],
      [`people/${people.users[0]!.id}`, people.users[0]!.name],
      ["action-items", "Action items"],
      ["reports", "Reports"],
      ["settings", "Settings"],
    ];
    const found: Record<string, unknown> = {};
    for (const [hash, heading] of pages) {
      const { page } = await open(hash);
      await seen(page.getByRole("heading", { name: heading, level: 1 }).first(), `the ${heading} page`);
      await page.waitForLoadState("networkidle");
      const violations = await accessibilityViolations(page);
      if (violations.length) found[hash] = violations;
    }
    const { page } = await open("", {});
    await seen(page.getByLabel("API token"), "the sign-in page");
    const signIn = await accessibilityViolations(page);
    if (signIn.length) found["sign-in"] = signIn;
    expect(found).toEqual({});
    // The check itself works: an input without a label is caught.
    await page.evaluate("document.body.insertAdjacentHTML('beforeend', '<input id=planted-unlabelled>')");
    expect((await accessibilityViolations(page)).map((v) => v.id)).toContain("label");
  });
});
