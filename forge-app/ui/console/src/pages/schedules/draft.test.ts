// The editor's draft as the API gets it, and the preview's check, with the service's own parser.
import { describe, expect, it } from "vitest";
import { definitionOf, moved, newKey, type LayerDraft } from "./draft.ts";
import { preview } from "./preview.ts";

const layer = (over: Partial<LayerDraft> = {}): LayerDraft => ({
  key: newKey(),
  type: "weekly",
  shiftLength: "1",
  start: "2026-03-02T09:00",
  users: ["alice", "bob"],
  restrictions: [],
  ...over,
});

describe("definitionOf", () => {
  it("leaves out restrictions a layer has none of, and lists days in week order", () => {
    const def = definitionOf({
      name: "x",
      timeZone: "America/Chicago",
      layers: [layer(), layer({ restrictions: [{ key: 1, days: ["fri", "mon"], from: "09:00", to: "17:00" }] })],
    });
    expect(def.layers[0]).toEqual({
      users: ["alice", "bob"],
      rotation: { type: "weekly", shiftLength: 1, start: "2026-03-02T09:00" },
    });
    expect(def.layers[1]!.restrictions).toEqual([{ days: ["mon", "fri"], from: "09:00", to: "17:00" }]);
  });
});

describe("preview", () => {
  const now = new Date("2026-03-02T00:00:00Z");

  it("names each problem by its path, as the API does", () => {
    const def = definitionOf({ name: "x", timeZone: "UTC", layers: [layer({ shiftLength: "abc", users: [] })] });
    expect(preview(def, now).problems.map((p) => p.path)).toEqual([
      "layers[0].users",
      "layers[0].rotation.shiftLength",
    ]);
  });

  it("hands off weekly from the start, in the schedule's zone", () => {
    const def = definitionOf({ name: "x", timeZone: "America/Chicago", layers: [layer()] });
    const { shifts, problems } = preview(def, now);
    expect(problems).toEqual([]);
    expect(shifts.map((s) => [s.user, s.start.toISOString()])).toEqual([
      ["alice", "2026-03-02T15:00:00.000Z"],
      ["bob", "2026-03-09T14:00:00.000Z"],
    ]);
  });
});

describe("moved", () => {
  it("swaps with the neighbour and stays put at the ends", () => {
    expect(moved(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});
