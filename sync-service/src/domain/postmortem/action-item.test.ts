import { describe, expect, it } from "vitest";
import { daysOverdue, needsReminder, type ActionItem } from "./action-item.ts";

const now = new Date("2026-11-22T23:30:00Z");
const open: Pick<ActionItem, "state" | "statusCategory" | "dueDate" | "remindedOn"> = {
  state: "linked",
  statusCategory: "in_progress",
  dueDate: "2026-11-20",
  remindedOn: null,
};

describe("needsReminder", () => {
  it.each([
    ["an open, linked item past its due date", {}, true],
    ["one reminded yesterday", { remindedOn: "2026-11-21" }, true],
    ["one reminded today (UTC)", { remindedOn: "2026-11-22" }, false],
    ["one due today", { dueDate: "2026-11-22" }, false],
    ["one done in the tracker", { statusCategory: "done" as const }, false],
    ["one whose issue does not exist yet", { state: "pending" as const }, false],
  ])("%s", (_, change, expected) => {
    expect(needsReminder({ ...open, ...change }, now)).toBe(expected);
  });
});

describe("daysOverdue", () => {
  it.each([
    ["2026-11-21", 1],
    ["2026-11-20", 2],
    ["2025-11-22", 365],
  ])("due %s → %i", (dueDate, days) => {
    expect(daysOverdue({ dueDate }, now)).toBe(days);
  });
});
