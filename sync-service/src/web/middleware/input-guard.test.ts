import { describe, expect, it } from "vitest";
import { BadRequestWebError } from "../errors.ts";
import { findInputProblem, readForm, readJson } from "./input-guard.ts";

const deep = (depth: number): unknown => {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe("findInputProblem", () => {
  it.each([
    [
      "plain text, emoji and every other valid code point",
      { title: "disk full 🔥", n: 1, list: ["é", null, true] },
      null,
    ],
    [
      "a NUL in a nested string",
      { levels: [{ name: "a\0b" }] },
      { path: "levels[0].name", message: expect.stringMatching(/NUL character \(U\+0000\)/) },
    ],
    [
      "a lone high surrogate",
      { title: "x\ud800" },
      { path: "title", message: expect.stringMatching(/unpaired surrogate \(U\+D800\)/) },
    ],
    ["a lone low surrogate", ["ok", "\udc00"], { path: "[1]", message: expect.stringMatching(/U\+DC00/) }],
    [
      "a NUL in a key",
      { custom: { "a\0": 1 } },
      { path: "custom", message: expect.stringMatching(/^has a key that contains a NUL/) },
    ],
    ["a NUL at the top", "\0", { path: "", message: expect.stringMatching(/NUL/) }],
    ["nesting 64 deep", deep(64), null],
    [
      "nesting 65 deep",
      { a: deep(65) },
      { path: "a[0][0][0]…", message: "nests more than 64 levels deep; flatten it" },
    ],
  ])("%s", (_what, value, expected) => {
    expect(findInputProblem(value)).toEqual(expected);
  });

  it("walks a value nested far deeper than the stack without overflowing", () => {
    expect(findInputProblem(deep(1_000_000))?.message).toMatch(/nests more than 64/);
  });
});

describe("readJson and readForm", () => {
  it("names the field, with REQUEST.INVALID_CHARACTER", () => {
    const error = (() => {
      try {
        readJson(Buffer.from('{"event_id": "Ev\\u0000"}'), "Events API body");
      } catch (e) {
        return e;
      }
    })() as BadRequestWebError;
    expect(error).toBeInstanceOf(BadRequestWebError);
    expect({ code: error.code, message: error.message }).toEqual({
      code: "REQUEST.INVALID_CHARACTER",
      message:
        "Invalid Events API body: `event_id` contains a NUL character (U+0000), which cannot be stored; remove it.",
    });
  });

  it("refuses JSON that does not parse, and a form field with NUL", () => {
    expect(() => readJson(Buffer.from("{"), "webhook body")).toThrow("The webhook body is not valid JSON.");
    expect(() => readForm(Buffer.from("text=a%00b"), "slash command")).toThrow(/`text` contains a NUL/);
    expect(readForm(Buffer.from("text=caf%C3%A9"), "slash command").get("text")).toBe("café");
  });
});
