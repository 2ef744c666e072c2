// The incident page's words for deliveries, subscribers' origins and a play's steps.
import { describe, expect, it } from "vitest";
import {
  deliveryAppearance,
  deliverySummary,
  describeStep,
  originLabel,
  publicName,
  runSummary,
} from "./crisis-wording.ts";

describe("deliverySummary", () => {
  it.each([
    [{ total: 14, sent: 12, failed: 1, pending: 1 }, "12 of 14 delivered, 1 failed, 1 pending"],
    [{ total: 14, sent: 13, failed: 1, pending: 0 }, "13 of 14 delivered, 1 failed"],
    [{ total: 3, sent: 0, failed: 0, pending: 3 }, "0 of 3 delivered, 3 pending"],
    [{ total: 2, sent: 2, failed: 0, pending: 0 }, "2 of 2 delivered"],
    [{ total: 0, sent: 0, failed: 0, pending: 0 }, "No stakeholders to send to"],
  ])("words %j as %s", (counts, words) => {
    expect(deliverySummary(counts)).toBe(words);
  });

  it("colours a failure red, everything delivered green, the rest neutral", () => {
    expect(deliveryAppearance({ total: 3, sent: 2, failed: 1, pending: 0 })).toBe("removed");
    expect(deliveryAppearance({ total: 3, sent: 3, failed: 0, pending: 0 })).toBe("success");
    expect(deliveryAppearance({ total: 3, sent: 1, failed: 0, pending: 2 })).toBe("default");
    expect(deliveryAppearance({ total: 0, sent: 0, failed: 0, pending: 0 })).toBe("default");
  });
});

describe("originLabel", () => {
  it("names who added a subscriber by hand, and otherwise where it came from", () => {
    expect(originLabel({ origin: "manual", addedBy: "Ana Ortiz" })).toBe("Added by Ana Ortiz");
    expect(originLabel({ origin: "manual", addedBy: "" })).toBe("Added by hand");
    expect(originLabel({ origin: "play", addedBy: "Ana Ortiz" })).toBe("From a response play");
    expect(originLabel({ origin: "service", addedBy: "Firewatch" })).toBe("Service default");
  });
});

describe("a play's run", () => {
  it("labels each step and its outcome", () => {
    expect(describeStep({ step: "status_update", outcome: "done", detail: "" })).toEqual({
      label: "Status update",
      outcome: "Done",
      appearance: "success",
    });
    expect(describeStep({ step: "bridge", outcome: "already", detail: "" }).outcome).toBe("Already");
    expect(describeStep({ step: "post", outcome: "failed", detail: "" }).appearance).toBe("removed");
  });

  it("sums the run up, counting what was already there as done", () => {
    const step = (outcome: "done" | "already" | "failed") => ({ step: "responder" as const, outcome, detail: "" });
    expect(runSummary([step("done"), step("already")])).toBe("2 steps done");
    expect(runSummary([step("done")])).toBe("1 step done");
    expect(runSummary([step("done"), step("failed"), step("already")])).toBe("2 of 3 steps done, 1 failed");
    expect(runSummary([])).toBe("The play has no steps");
  });
});

describe("publicName", () => {
  it("is the newest title a post set, else the incident's title", () => {
    expect(publicName([], "Checkout down")).toBe("Checkout down");
    expect(publicName([{ title: null }, { title: "Payments degraded" }, { title: null }], "x")).toBe(
      "Payments degraded",
    );
    expect(publicName([{ title: "Old" }, { title: "New" }], "x")).toBe("New");
    expect(publicName([{}], "Checkout down")).toBe("Checkout down");
  });
});
