import { describe, expect, it } from "vitest";
import { componentStatesAfter, newStatusPost } from "./status-post.ts";

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
});
