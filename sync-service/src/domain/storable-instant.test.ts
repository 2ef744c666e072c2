import { describe, expect, it } from "vitest";
import { isStorableInstant } from "./storable-instant.ts";

describe("isStorableInstant", () => {
  it.each([
    ["0001-01-01T00:00:00Z", true],
    ["9999-12-31T23:59:59.999Z", true],
    ["+010000-01-01T00:00:00Z", false],
    ["+099999-01-01T00:00:00Z", false],
    ["0000-06-01T00:00:00Z", false],
  ])("%s → %s", (text, storable) => {
    expect(isStorableInstant(new Date(text))).toBe(storable);
  });
});
