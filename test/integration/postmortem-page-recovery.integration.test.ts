// The postmortem page on a real Confluence site: a crash between creating the page and writing its `firewatch`
// property leaves a page Firewatch made but cannot recognise by the property; the retry adopts it (created by the
// account Firewatch writes as) instead of failing forever on "duplicate title". A page a person made by hand with
// the same title is never adopted. An answer that drifts from confluence.js's published schema is read as data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluenceEmulator } from "../../stand-ins/confluence/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";

const PROPERTIES = /^\/wiki\/api\/v2\/pages\/\d+\/properties$/;

describe.each(DATABASE_KINDS)("postmortem page recovery on $name", (kind) => {
  let w: JiraWorld;
  let confluence: ConfluenceEmulator;

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await w.call(method, path, json);
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** A resolved incident whose postmortem is requested; resolves to its key and the page title it gets. */
  const requestPostmortem = async (title: string) => {
    const incident = await call("POST", "/api/incidents", { title });
    await call("POST", `/api/incidents/${incident.key}/resolve`);
    return { key: incident.key as string, title: `Postmortem: ${incident.key} ${title}` };
  };
  const published = (key: string) =>
    eventually("the published page", async () => {
      const p = await call("GET", `/api/incidents/${key}/postmortem`);
      return p.pageId ? p : false;
    });

  beforeAll(async () => {
    confluence = new ConfluenceEmulator();
    const confluenceUrl = await confluence.start();
    w = await startJiraWorld(kind, { env: { CONFLUENCE_BASE_URL: confluenceUrl, CONFLUENCE_SPACE_KEY: "ENG" } });
  });
  afterAll(async () => {
    await w?.stop();
    const unexpected = confluence.unexpected();
    await confluence.stop();
    expect(unexpected).toEqual([]);
  });

  it("adopts the page it created when the run died before writing the page's property", async () => {
    confluence.faults.next({ status: 503, match: (r) => r.method === "POST" && PROPERTIES.test(r.path) });
    const { key, title } = await requestPostmortem("Search cluster lost quorum");
    await call("POST", `/api/incidents/${key}/postmortem`);
    const postmortem = await published(key);

    const pages = confluence.pages().filter((p) => p.title === title);
    expect(pages.map((p) => p.id)).toEqual([postmortem.pageId]);
    expect(pages[0]).toMatchObject({
      authorId: confluence.apiUser.accountId,
      properties: { firewatch: { value: { incidentId: expect.any(String) } } },
    });
    expect(pages[0]!.labels).toContain(key.toLowerCase());
    expect(
      confluence
        .requests({ method: "POST", path: "/wiki/api/v2/pages" })
        .filter((r) => (r.body as { title?: string }).title === title),
    ).toHaveLength(1);
  });

  it("never adopts a page a person made by hand with the same title", async () => {
    const { key, title } = await requestPostmortem("Mail relay rejected outbound mail");
    const hand = confluence.createPageAsPerson({ title, text: "My own notes, started before Firewatch." });
    await call("POST", `/api/incidents/${key}/postmortem`);
    await eventually("the refused create", async () =>
      confluence
        .requests({ method: "POST", path: "/wiki/api/v2/pages" })
        .some((r) => (r.body as { title?: string }).title === title && r.outcome === 400),
    );
    expect(confluence.page(hand.id)).toMatchObject({
      version: 1,
      lastAuthorId: confluence.person.accountId,
      properties: {},
    });
    expect((await call("GET", `/api/incidents/${key}/postmortem`)).pageId).toBeNull();
  });

  it("publishes when Confluence's answers drift from the published schema", async () => {
    // A status the OpenAPI document does not list (confluence.js 3.2.0 keeps enums open, so this alone passes) and a
    // number sent as a string, which confluence.js 3.2.0 answers with SchemaMismatchError.
    const drift = (body: unknown) => ({ ...(body as object), status: "in-review", position: "12" });
    confluence.faults.next({
      drift,
      match: (r) =>
        r.method === "POST" &&
        r.path === "/wiki/api/v2/pages" &&
        (r.body as { title?: string }).title?.startsWith("Postmortem:") === true,
    });
    const { key, title } = await requestPostmortem("Billing exports stalled");
    await call("POST", `/api/incidents/${key}/postmortem`);
    const postmortem = await published(key);
    expect(
      confluence
        .pages()
        .filter((p) => p.title === title)
        .map((p) => p.id),
    ).toEqual([postmortem.pageId]);
    expect(confluence.requests({ method: "POST" }).filter((r) => r.fault === "drift")).toHaveLength(1);
  });
});
