// The public status page of the Statuspage stand-in, as a stakeholder reads it: the overall status, each component,
// open incidents and then past ones, newest first, each with its updates newest first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linksTo, PageClient } from "../common/view/page-client.ts";
import { StatuspageEmulator } from "./index.ts";

const statuspage = new StatuspageEmulator();
const pages = new PageClient(() => statuspage.baseUrl);

beforeAll(() => statuspage.start());
afterAll(() => statuspage.stop());

describe("the public status page", () => {
  it("says all is well before anything happened", async () => {
    const page = await pages.get("/_view/");
    expect(page.status).toBe(200);
    expect(page.text).toContain("All Systems Operational");
    expect(page.text).toMatch(/API Operational Web app Operational Database Operational/);
    expect(page.text).toContain("No incidents reported.");
  });

  it("shows open incidents with their updates newest first, then resolved ones under past incidents", async () => {
    const old = statuspage.ui.createIncident({ name: "Slow logins", status: "investigating", body: "Looking." });
    statuspage.ui.updateIncident(String(old.id), { status: "resolved", body: "Fixed the cache." });
    const open = statuspage.ui.createIncident({
      name: "Checkout errors",
      status: "investigating",
      body: "We are investigating failed payments.",
      components: { cmp0api: "partial_outage" },
      component_ids: ["cmp0api"],
    });
    statuspage.ui.updateIncident(String(open.id), { status: "identified", body: "A bad deploy; rolling back." });
    const page = await pages.get("/_view/");
    expect(page.text).toContain("Partial System Outage");
    expect(page.text).toContain("API Partial Outage");
    const text = page.text;
    expect(text.indexOf("Open incidents")).toBeLessThan(text.indexOf("Checkout errors"));
    expect(text.indexOf("Identified - A bad deploy; rolling back.")).toBeLessThan(
      text.indexOf("Investigating - We are investigating failed payments."),
    );
    expect(text.indexOf("Past incidents")).toBeLessThan(text.indexOf("Slow logins"));
    expect(text.indexOf("Resolved - Fixed the cache.")).toBeLessThan(text.indexOf("Investigating - Looking."));

    const [href] = linksTo(page.html, "Checkout errors");
    const detail = await pages.get(href!);
    expect(detail.text).toContain("This incident affected: API.");
    expect(detail.text).toMatch(/Major impact · Identified/);
  });

  it("lists a newer incident first, shows hostile text as text, and is read-only", async () => {
    statuspage.ui.createIncident({ name: "<script>alert(1)</script>", status: "monitoring", body: "<b>hi</b>" });
    const page = await pages.get("/_view/");
    expect(page.html).not.toMatch(/<script>|<b>hi/);
    expect(page.text.indexOf("<script>alert(1)</script>")).toBeLessThan(page.text.indexOf("Checkout errors"));
    expect((await pages.post("/_view/", {})).status).toBe(405);
    expect((await pages.get("/_view/incidents/nope")).status).toBe(404);
    expect(statuspage.requests()).toEqual([]);
  });
});
