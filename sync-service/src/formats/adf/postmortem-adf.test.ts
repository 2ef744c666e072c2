import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPostmortem, MAX_INLINE_TIMELINE } from "../../domain/postmortem/build-postmortem.ts";
import type { PostmortemFacts } from "../../domain/postmortem/document.ts";
import type { PostmortemTemplate } from "../../domain/postmortem/template.ts";
import type { StoredTimelineEntry } from "../../domain/timeline.ts";
import {
  adfErrors,
  adfSchemaErrors,
  macroSection,
  mergeAdf,
  peopleSectionText,
  renderAdf,
  renderTimelineAdf,
  type AdfDoc,
} from "./postmortem-adf.ts";

const template = JSON.parse(
  fs.readFileSync(new URL("../../../../templates/default.json", import.meta.url), "utf8"),
) as PostmortemTemplate;
const start = new Date("2026-11-20T10:00:00Z");
const entry = (n: number, over: Partial<StoredTimelineEntry> = {}): StoredTimelineEntry => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  incidentId: "i1",
  type: "chat.message",
  source: "slack",
  sourceId: `C1:${n}`,
  occurredAt: new Date(start.getTime() + n * 1000),
  author: "alice",
  body: `message <${n}> & "quotes"`,
  data: {},
  edits: [],
  keyMoment: false,
  seq: BigInt(n),
  ...over,
});

function facts(entries: number): PostmortemFacts {
  return {
    incident: {
      id: "i1",
      tenantId: "t",
      number: 42,
      drill: false,
      title: "Checkout is down",
      description: "Card payments failed in EU.",
      severity: "SEV1",
      status: "resolved",
      serviceId: "s",
      ownerId: "u",
      revision: 5,
      createdAt: start,
      updatedAt: start,
      acknowledgedAt: new Date(start.getTime() + 4 * 60_000),
      resolvedAt: new Date(start.getTime() + 83 * 60_000),
    },
    serviceName: "Payments API",
    ownerName: "Alice Adams",
    incidentUrl: "https://firewatch.example/incidents/INC-42",
    alertCount: 3,
    timeline: [
      entry(0, { type: "incident.triggered", source: "firewatch", body: "declared" }),
      ...Array.from({ length: entries - 1 }, (_, i) => entry(i + 1, { keyMoment: i === 10 })),
    ],
    tickets: [{ key: "OPS-7", url: "https://acme.atlassian.net/browse/OPS-7", status: "Done" }],
    actionItems: [
      {
        title: "Alert on card failure rate",
        issueKey: "OPS-9",
        issueUrl: "https://acme.atlassian.net/browse/OPS-9",
        owner: "Bob",
        dueDate: "2026-12-04",
        status: "To Do",
        required: true,
      },
    ],
    now: start,
  };
}

describe("postmortem as ADF", () => {
  it("renders a valid document with every template section, labels and properties", () => {
    const document = buildPostmortem(template, facts(20));
    const adf = renderAdf(document);
    expect(adfErrors(adf)).toEqual([]);
    // The validator is not a rubber stamp: an empty table or an unknown attribute fails.
    expect(adfErrors({ type: "doc", version: 1, content: [{ type: "table", content: [] }] })).not.toEqual([]);
    expect(
      adfErrors({ type: "doc", version: 1, content: [{ type: "heading", attrs: { level: 9 }, content: [] }] }),
    ).not.toEqual([]);
    expect(document.labels).toEqual(["postmortem", "inc-42", "sev1", "service-payments-api"]);
    expect(adf.content.filter((n) => n.type === "heading").length).toBe(template.sections.length);
    expect(adf.content.map(macroSection).filter(Boolean)).toEqual([
      "summary",
      "impact",
      "timeline",
      "detection",
      "communications",
      "action-items",
    ]);
    const text = JSON.stringify(adf);
    expect(text).toContain("1 h 23 min");
    expect(text).toContain('message <5> & \\"quotes\\"');
  });

  it("keeps long timelines to key moments on the page and puts the whole table on a child page", () => {
    const document = buildPostmortem(template, facts(MAX_INLINE_TIMELINE + 50));
    const timeline = renderAdf(document).content.find((n) => macroSection(n) === "timeline")!;
    expect(JSON.stringify(timeline)).toContain("full timeline is on the child page");
    const child = renderTimelineAdf(document)!;
    expect(adfErrors(child)).toEqual([]);
    expect(adfSchemaErrors(child)).toEqual([]);
    expect(adfSchemaErrors({ type: "doc", version: 1, content: [{ type: "table", content: [] }] })).not.toEqual([]);
    expect((child.content[0]!.content as unknown[]).length).toBe(MAX_INLINE_TIMELINE + 50 + 1);
  });

  it("refresh replaces Firewatch's sections and leaves people's writing, even moved or added, untouched", () => {
    const first = renderAdf(buildPostmortem(template, facts(5)));
    // A person writes the root cause, adds a section of their own, and moves "What went well" up.
    const edited: AdfDoc = structuredClone(first);
    const rootHeading = edited.content.findIndex((n) => JSON.stringify(n).includes("Contributing factors"));
    edited.content.splice(rootHeading + 1, 1, {
      type: "paragraph",
      content: [{ type: "text", text: "An expired TLS certificate on the card gateway." }],
    });
    edited.content.push(
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Appendix" }] },
      { type: "paragraph", content: [{ type: "text", text: "Graphs." }] },
    );
    const refreshed = mergeAdf(edited, buildPostmortem(template, facts(30)));
    expect(adfErrors(refreshed)).toEqual([]);
    expect(peopleSectionText(refreshed, "root-cause", "Contributing factors and root cause")).toBe(
      "An expired TLS certificate on the card gateway.",
    );
    expect(JSON.stringify(refreshed)).toContain("Graphs.");
    const rows = (n: AdfDoc) =>
      (n.content.find((x) => macroSection(x) === "timeline")!.content as { content: unknown[] }[])[0]!.content.length;
    expect(rows(refreshed)).toBe(31);
    expect(rows(first)).toBe(6);
  });

  it("adds back a generated section a person deleted", () => {
    const first = renderAdf(buildPostmortem(template, facts(5)));
    const withoutImpact: AdfDoc = { ...first, content: first.content.filter((n) => macroSection(n) !== "impact") };
    const refreshed = mergeAdf(withoutImpact, buildPostmortem(template, facts(5)));
    expect(refreshed.content.map(macroSection).filter(Boolean)).toContain("impact");
  });
});
