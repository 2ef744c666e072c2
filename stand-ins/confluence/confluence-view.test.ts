// The Confluence stand-in's web pages, driven as a browser would. A postmortem-shaped page (Firewatch's sections in
// Page Properties macros, people's sections as plain text under their headings) reads as a document; editing one
// section saves a new version by the site's person through the REST API's path, survives a reload, leaves every
// other node alone, and is what Firewatch's postmortem sync reads back (peopleSectionText).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { peopleSectionText } from "../../sync-service/src/formats/adf/postmortem-adf.ts";
import { PageClient } from "../common/view/page-client.ts";
import { ConfluenceEmulator, PERSON_ACCOUNT_ID } from "./confluence-emulator.ts";
import type { AdfDoc, AdfNode } from "./types.ts";

const confluence = new ConfluenceEmulator();
const pages = new PageClient(() => confluence.baseUrl);
const text = (t: string): AdfNode => ({ type: "text", text: t });
const para = (t: string): AdfNode => ({ type: "paragraph", content: [text(t)] });
const heading = (id: string, title: string): AdfNode => ({
  type: "heading",
  attrs: { level: 2, localId: `firewatch-h-${id}` },
  content: [text(title)],
});
const summaryMacro: AdfNode = {
  type: "bodiedExtension",
  attrs: {
    extensionType: "com.atlassian.confluence.macro.core",
    extensionKey: "details",
    parameters: { macroParams: { id: { value: "firewatch-summary" } }, macroMetadata: { title: "Page Properties" } },
    localId: "firewatch-summary",
  },
  content: [
    {
      type: "table",
      content: [
        {
          type: "tableRow",
          content: [
            { type: "tableHeader", attrs: {}, content: [para("Severity")] },
            { type: "tableCell", attrs: {}, content: [para("SEV2")] },
          ],
        },
      ],
    },
  ],
};
const postmortem: AdfDoc = {
  type: "doc",
  version: 1,
  content: [
    heading("summary", "Summary"),
    summaryMacro,
    heading("went-well", "What went well"),
    para("Describe what went well."),
    heading("lessons", "Lessons learned"),
    para("Nothing yet."),
  ],
};
const pageUrl = (id: string) => `/_view/pages/${id}`;

beforeAll(() => confluence.start());
afterAll(() => confluence.stop());

describe("the Confluence pages", () => {
  it("list the space's pages and render a postmortem readably, its macro sections not editable as text", async () => {
    const page = confluence.createPageAsPerson({ title: "INC-7 postmortem", adf: postmortem });
    const index = await pages.get("/_view/");
    expect(index.text).toContain("Engineering");
    expect(index.html).toContain(`href="${pageUrl(page.id)}"`);
    const view = await pages.get(pageUrl(page.id));
    expect(view.status).toBe(200);
    expect(view.html).toContain("<h1>INC-7 postmortem</h1>");
    expect(view.html).toContain("<h2>What went well</h2>");
    expect(view.html).toMatch(/<th scope="row">\s*<p>Severity<\/p>/);
    expect(view.text).toContain("Page Properties Severity SEV2");
    expect(view.text).toContain("This section holds a macro");
    expect(view.text).not.toContain("Edit “Summary”");
    expect(view.html).toContain("Describe what went well.</textarea>");
  });

  it("save an edited section as a new version by the person, kept on reload and read by the postmortem sync", async () => {
    const page = confluence.createPageAsPerson({ title: "INC-8 postmortem", adf: postmortem });
    const view = await pages.get(pageUrl(page.id));
    const res = await pages.submit(
      view,
      "/sections",
      { text: "Paging reached Ada in 1 minute.\r\n- Runbook was current\r\n- Rollback took 2 minutes" },
      'name="section" value="2"',
    );
    const after = await pages.follow(res);
    expect(after.text).toContain("Section saved as a new version.");
    const reloaded = await pages.get(pageUrl(page.id));
    expect(reloaded.html).toContain("<li><p>Runbook was current</p></li>");
    expect(reloaded.text).toContain("Version 2, last edited by Ada Oncall");
    const saved = confluence.page(page.id)!;
    expect(saved.version).toBe(2);
    expect(saved.lastAuthorId).toBe(PERSON_ACCOUNT_ID);
    expect(saved.adf.content[0]).toEqual(heading("summary", "Summary"));
    expect(saved.adf.content[1]).toEqual(summaryMacro);
    expect(saved.adf.content[2]).toEqual(heading("went-well", "What went well"));
    expect(saved.adf.content.at(-1)).toEqual(para("Nothing yet."));
    expect(peopleSectionText(saved.adf as never, "went-well", "What went well")).toBe(
      "Paging reached Ada in 1 minute.\nRunbook was current Rollback took 2 minutes",
    );
    expect(confluence.pageVersions(page.id).at(-1)!.message).toBe("Edited in the sandbox");
  });

  it("refuse a save over a version someone else saved meanwhile, keeping the person's text", async () => {
    const page = confluence.createPageAsPerson({ title: "INC-9 postmortem", adf: postmortem });
    const stale = await pages.get(pageUrl(page.id));
    confluence.editAsPerson(page.id, (adf) => ({ ...adf, content: [para("Added elsewhere"), ...adf.content] }));
    const res = await pages.submit(stale, "/sections", { text: "My <careful> words" }, 'name="section" value="3"');
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("saved version 2 while you were editing");
    expect(html).toContain("My &lt;careful&gt; words</textarea>");
    expect(confluence.page(page.id)!.version).toBe(2);
    const fresh = await pages.get(pageUrl(page.id));
    await pages.follow(await pages.submit(fresh, "/sections", { text: "My words" }, 'name="section" value="3"'));
    const saved = confluence.page(page.id)!;
    expect(saved.version).toBe(3);
    expect(saved.adf.content[0]).toEqual(para("Added elsewhere"));
    expect(saved.adf.content.slice(-2)).toEqual([heading("lessons", "Lessons learned"), para("My words")]);
  });

  it("add a section, and show a page written in storage format", async () => {
    const res = await fetch(`${confluence.baseUrl}/wiki/api/v2/pages`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${confluence.email}:${confluence.apiToken}`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        spaceId: confluence.space.id,
        title: "Runbook",
        body: { representation: "storage", value: "<h2>Steps</h2><ol><li><p>Restart</p></li></ol>" },
      }),
    });
    const { id } = (await res.json()) as { id: string };
    const view = await pages.get(pageUrl(id));
    expect(view.html).toContain("<h2>Steps</h2>");
    expect(view.html).toContain("1. Restart</textarea>");
    expect(view.text).not.toContain("Saving turns this section");
    const linked = confluence.createPageAsPerson({
      title: "Links",
      adf: {
        type: "doc",
        version: 1,
        content: [
          {
            type: "paragraph",
            content: [
              {
                type: "text",
                text: "Runbook",
                marks: [{ type: "link", attrs: { href: "https://runbooks.example/checkout" } }],
              },
            ],
          },
        ],
      },
    });
    const linkedView = await pages.get(pageUrl(linked.id));
    expect(linkedView.html).toContain('<a href="https://runbooks.example/checkout">Runbook</a>');
    expect(linkedView.text).toContain("Saving turns this section's tables, links and emphasis into plain text.");
    await pages.follow(await pages.submit(view, "/sections/new", { title: "Escalate", text: "Call the DBA" }));
    expect(confluence.page(id)!.adf.content.slice(-2)).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [text("Escalate")] },
      para("Call the DBA"),
    ]);
  });

  it("show hostile text as text, and take changes only as POSTed forms", async () => {
    const page = confluence.createPageAsPerson({ title: "<script>alert(1)</script>", text: "</textarea><img src=x>" });
    const view = await pages.get(pageUrl(page.id));
    expect(view.html).not.toMatch(/<script>|<img/);
    expect(view.html).toContain("&lt;/textarea&gt;&lt;img src=x&gt;</textarea>");
    expect((await pages.get(`${pageUrl(page.id)}/sections`)).status).toBe(405);
    expect((await pages.get("/_view/pages/999999")).status).toBe(404);
    expect(confluence.unexpected()).toEqual([]);
  });
});
