// The stand-ins' own web pages in Chromium, as a newcomer to the sandbox uses them: the Jira issue (add a label),
// the Confluence postmortem (edit a section, reload), the public status page, the phone (reply ACK) and the
// mailbox (follow the HTML part's Acknowledge link out of its sandboxed frame). Each page passes axe-core's WCAG A/AA
// rules, loads nothing its Content-Security-Policy refuses, and fits a phone's width.
// Writes docs/screenshots/sandbox-{jira,confluence,statuspage,phone,mailbox}.png.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTransport } from "nodemailer";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluenceEmulator } from "../../stand-ins/confluence/index.ts";
import { JiraEmulator } from "../../stand-ins/jira/index.ts";
import { SmtpCapture } from "../../stand-ins/smtp/index.ts";
import { StatuspageEmulator } from "../../stand-ins/statuspage/index.ts";
import { TwilioEmulator } from "../../stand-ins/twilio/index.ts";
import {
  accessibilityViolations,
  collectPageErrors,
  horizontalOverflow,
  launchChromium,
  openContext,
  screenshot,
} from "./support/browser.ts";

const PHONE = "+14155550101";
const xml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;

describe("the sandbox's stand-in pages in a browser", () => {
  const jira = new JiraEmulator({ searchLagMs: 0, latency: { readMs: 0, writeMs: 0 } });
  const confluence = new ConfluenceEmulator();
  const statuspage = new StatuspageEmulator();
  const twilio = new TwilioEmulator({ callbackDelayMs: 1 });
  const mail = new SmtpCapture();
  let app: Server;
  let appUrl = "";
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    app = createServer((req, res) => {
      const body = req.url === "/sms" ? "<Message>INC-7 acknowledged.</Message>" : "";
      res.writeHead(200, { "Content-Type": req.url === "/act/tok" ? "text/html" : "text/xml" });
      res.end(req.url === "/act/tok" ? "<title>Acknowledge INC-7?</title><h1>Acknowledge INC-7?</h1>" : xml(body));
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const [smtpUrl] = await Promise.all([
      mail.start(),
      mail.startHttp(),
      jira.start(),
      confluence.start(),
      statuspage.start(),
      twilio.start(),
    ]);
    twilio.setSmsUrl(`${appUrl}/sms`);
    await createTransport({ url: smtpUrl }).sendMail({
      from: "Firewatch <pages@firewatch.example.com>",
      to: "ada@example.com",
      subject: "[SEV2] INC-7 triggered: Checkout failing",
      text: `INC-7 triggered.\nAcknowledge: ${appUrl}/act/tok\n`,
      html: `<p style="color:#172b4d">INC-7 triggered: Checkout failing.</p><p><a href="${appUrl}/act/tok">Acknowledge</a></p>`,
    });
    browser = await launchChromium();
    context = await openContext(browser, { viewport: { width: 1100, height: 800 } });
  });
  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await Promise.all([jira.stop(), confluence.stop(), statuspage.stop(), twilio.stop(), mail.stop()]);
    app.closeAllConnections();
    await new Promise<void>((resolve) => app.close(() => resolve()));
  });

  /** Opens `url`, checks it the way every stand-in page is checked, and returns the page. */
  async function open(url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(url);
    expect(await accessibilityViolations(page)).toEqual([]);
    return { page, errors };
  }
  async function fitsAPhone(page: Page): Promise<void> {
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await horizontalOverflow(page)).culprits).toEqual([]);
    await page.setViewportSize({ width: 1100, height: 800 });
  }

  it("Jira: the issue page, where adding a label fires the webhook path", async () => {
    const issue = await jira.createIssueAsUser({
      project: "CI",
      summary: "Build 412 failed on main",
      labels: ["ci"],
      description: "The payments suite timed out.",
    });
    await jira.commentAsUser(issue.key, "Looking into it.");
    const { page, errors } = await open(`${jira.baseUrl}/_view/issues/${issue.key}`);
    await page.getByLabel("Add a label").fill("build-failed");
    await page.getByRole("button", { name: "Add label" }).click();
    await page.getByRole("status").filter({ hasText: "Label added." }).waitFor();
    expect(jira.issue(issue.key)!.labels).toEqual(["ci", "build-failed"]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await fitsAPhone(page);
    await screenshot(page, "sandbox-jira", { fullPage: true });
    expect(errors).toEqual([]);
  });

  it("Confluence: a postmortem section edited and still there after a reload", async () => {
    const heading = (text: string) => ({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text }] });
    const para = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
    const page0 = confluence.createPageAsPerson({
      title: "INC-7 postmortem: Checkout failing",
      adf: {
        type: "doc",
        version: 1,
        content: [
          heading("Summary"),
          para("Checkout failed for 14 minutes."),
          heading("What went well"),
          para("Describe what went well."),
        ],
      },
    });
    const { page, errors } = await open(`${confluence.baseUrl}/_view/pages/${page0.id}`);
    await page.getByText("Edit “What went well”").click();
    await page
      .getByLabel("Text of “What went well”")
      .fill("Paging reached Ada within a minute.\n- The runbook was current");
    await page.locator("details[open]").getByRole("button", { name: "Save section" }).click();
    await page.getByRole("status").filter({ hasText: "Section saved" }).waitFor();
    await page.reload();
    expect(await page.locator("main").innerText()).toContain("Paging reached Ada within a minute.");
    expect(confluence.page(page0.id)!.version).toBe(2);
    expect(await accessibilityViolations(page)).toEqual([]);
    await fitsAPhone(page);
    await screenshot(page, "sandbox-confluence", { fullPage: true });
    expect(errors).toEqual([]);
  });

  it("Statuspage: the public status page", async () => {
    const incident = statuspage.ui.createIncident({
      name: "Checkout failing",
      status: "investigating",
      body: "We are looking into failed payments.",
      components: { cmp0api: "partial_outage" },
      component_ids: ["cmp0api"],
    });
    statuspage.ui.updateIncident(String(incident.id), { status: "identified", body: "A bad deploy; rolling back." });
    const old = statuspage.ui.createIncident({ name: "Slow logins", status: "investigating", body: "Looking." });
    statuspage.ui.updateIncident(String(old.id), { status: "resolved", body: "The cache was refilled." });
    const { page, errors } = await open(`${statuspage.baseUrl}/_view/`);
    await fitsAPhone(page);
    await screenshot(page, "sandbox-statuspage", { fullPage: true });
    expect(errors).toEqual([]);
  });

  it("Twilio: the paged phone, replying ACK from it", async () => {
    const api = (resource: string, params: Record<string, string>) =>
      fetch(`${twilio.baseUrl}/2010-04-01/Accounts/${twilio.accountSid}/${resource}.json`, {
        method: "POST",
        headers: {
          Authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString("base64")}`,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ To: PHONE, From: twilio.numbers[0]!, ...params }).toString(),
      });
    await api("Messages", { Body: "[SEV2] INC-7 triggered: Checkout failing. Reply ACK or RESOLVE" });
    await api("Calls", {
      Twiml: xml(
        `<Say>Firewatch page. INC-7, Checkout failing.</Say><Gather numDigits="1" action="${appUrl}/gather"><Say>Press 4 to acknowledge, 6 to resolve.</Say></Gather>`,
      ),
    });
    const { page, errors } = await open(`${twilio.baseUrl}/_view/phones/${encodeURIComponent(PHONE)}`);
    await page.getByRole("button", { name: "Reply ACK" }).click();
    await page.getByRole("status").filter({ hasText: "application answered HTTP 200" }).waitFor();
    expect(twilio.messagesTo(PHONE).at(-1)).toBe("INC-7 acknowledged.");
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await horizontalOverflow(page)).culprits).toEqual([]);
    await screenshot(page, "sandbox-phone", { fullPage: true });
    expect(errors).toEqual([]);
  });

  it("Mailbox: the page mail, whose Acknowledge link opens in the whole window", async () => {
    const { page, errors } = await open(`${mail.baseUrl}/_view/messages/1`);
    await page.frameLocator("iframe.mail-frame").getByText("INC-7 triggered").waitFor();
    await fitsAPhone(page);
    await screenshot(page, "sandbox-mailbox", { fullPage: true });
    await page.frameLocator("iframe.mail-frame").getByRole("link", { name: "Acknowledge" }).click();
    await page.waitForURL(`${appUrl}/act/tok`);
    expect(await page.title()).toBe("Acknowledge INC-7?");
    expect(errors).toEqual([]);
  });

  it("every stand-in's index and list pages pass the same checks", async () => {
    const incident = statuspage.ui.createIncident({ name: "Search is slow", status: "monitoring", body: "Fixed." });
    const urls = [
      ...["/_view/", "/_view/projects/CI", "/_view/create"].map((p) => `${jira.baseUrl}${p}`),
      `${confluence.baseUrl}/_view/`,
      `${statuspage.baseUrl}/_view/incidents/${String(incident.id)}`,
      `${twilio.baseUrl}/_view/`,
      `${mail.baseUrl}/_view/`,
    ];
    for (const url of urls) {
      const { page, errors } = await open(url);
      await fitsAPhone(page);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
