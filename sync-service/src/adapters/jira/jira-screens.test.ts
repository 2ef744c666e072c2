import { describe, expect, it } from "vitest";
import { missingFromScreen, pickResolution, transitionValues } from "./jira-screens.ts";

const offered = (...names: string[]) => ({
  required: true,
  hasDefaultValue: false,
  name: "Resolution",
  allowedValues: names.map((name, i) => ({ id: String(10000 + i), name })),
});

describe("pickResolution", () => {
  it.each([
    [["Won't Do", "Duplicate", "Done"], null, "Done"],
    [["Won't Fix", "Fixed", "Done"], null, "Fixed"],
    [["Won't Do", "Resolved Remotely"], null, "Resolved Remotely"],
    [["Won't Do", "Duplicate"], null, undefined],
    [["Done", "Duplicate"], "duplicate", "Duplicate"],
    [["Done", "Duplicate"], "Fixed", undefined],
  ] as const)("offered %j, configured %j → %j", (names, preferred, expected) => {
    const field = offered(...names);
    const picked = pickResolution(field, preferred);
    expect(picked ? field.allowedValues.find((v) => v.id === picked.id)?.name : undefined).toBe(expected);
  });
});

describe("transitionValues", () => {
  it("fills Resolution, reports other required fields without a default, ignores optional ones", () => {
    const fields = {
      resolution: offered("Done"),
      customfield_10050: { required: true, hasDefaultValue: false, name: "Root cause" },
      customfield_10051: { required: true, hasDefaultValue: true, name: "Team" },
      comment: { required: false, name: "Comment" },
    };
    expect(transitionValues(fields, null)).toEqual({
      values: { resolution: { id: "10000" } },
      unfilled: ["Root cause"],
    });
    expect(transitionValues(fields, "Fixed").unfilled).toEqual(['Resolution ("Fixed" is not offered)', "Root cause"]);
    expect(transitionValues(undefined, null)).toEqual({ values: {}, unfilled: [] });
  });
});

it("missingFromScreen keeps only the wanted fields a screen lacks", () => {
  expect(missingFromScreen(new Set(["summary", "duedate"]), ["priority", "duedate"])).toEqual(["priority"]);
});
