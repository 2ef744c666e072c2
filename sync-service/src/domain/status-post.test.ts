import { describe, expect, it } from "vitest";
import {
  componentStatesAfter,
  isOwnComponentChange,
  newStatusPost,
  type ComponentState,
  type StatusPost,
} from "./status-post.ts";

const base = {
  id: "p1",
  incidentId: "i1",
  status: "investigating" as const,
  body: " We are looking into it. ",
  components: [],
  deliverNotifications: true,
  createdBy: "Ada",
};

describe("status posts", () => {
  it("starts pending with a trimmed body", () => {
    expect(newStatusPost(base, new Date(0))).toMatchObject({
      body: "We are looking into it.",
      state: "pending",
      remoteUpdateId: null,
    });
  });

  it.each([
    [{ body: "  " }, "STATUS_POST.BODY_REQUIRED"],
    [{ body: "x".repeat(25_001) }, "STATUS_POST.BODY_TOO_LONG"],
    [
      {
        components: [
          { componentId: "c1", status: "major_outage" as const },
          { componentId: "c1", status: "operational" as const },
        ],
      },
      "STATUS_POST.COMPONENT_REPEATED",
    ],
  ])("refuses %j", (change, code) => {
    expect(() => newStatusPost({ ...base, ...change }, new Date(0))).toThrow(expect.objectContaining({ code }));
  });

  it("tracks the component states it leaves behind", () => {
    const after = componentStatesAfter(
      { c1: "major_outage", c2: "degraded_performance" },
      { status: "monitoring", components: [{ componentId: "c1", status: "operational" }] },
    );
    expect(after).toEqual({ c1: "operational", c2: "degraded_performance" });
  });

  describe("telling our own component changes from the status page's", () => {
    const t = (s: number) => new Date(Date.UTC(2026, 11, 7, 12, 0, s));
    const post = (at: number, status: ComponentState): StatusPost => ({
      ...newStatusPost({ ...base, components: [{ componentId: "c1", status }] }, t(at)),
      state: "published",
      publishedAt: t(at + 1),
    });
    const posts = [post(0, "major_outage"), post(10, "partial_outage"), post(20, "operational")];
    const event = (oldStatus: string, newStatus: string, at: number) =>
      ({
        kind: "component",
        updateId: "u",
        componentId: "c1",
        componentName: "API",
        oldStatus,
        newStatus,
        at: t(at),
      }) as const;

    it("knows a late notification of an earlier move as ours", () => {
      expect(isOwnComponentChange(posts, event("major_outage", "partial_outage", 10))).toBe(true);
      expect(isOwnComponentChange(posts, event("operational", "major_outage", 0))).toBe(true);
    });

    it("mirrors a move none of our posts made, or one made long after ours", () => {
      expect(isOwnComponentChange(posts, event("partial_outage", "degraded_performance", 15))).toBe(false);
      expect(isOwnComponentChange(posts, event("major_outage", "partial_outage", 300))).toBe(false);
      expect(isOwnComponentChange([{ ...posts[1]!, state: "failed" }], event("x", "partial_outage", 10))).toBe(false);
    });
  });
});
