import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubber } from "./logger.ts";

function captured(secrets: string[] = []) {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { log: createLogger("trace", { secrets, destination }), text: () => lines.join("") };
}

describe("log scrubbing", () => {
  it.each([
    ["Authorization: Bearer abc.def-123", "Authorization: Bearer [redacted]"],
    ["basic ZnJlZDpodW50ZXIy and more", "basic [redacted] and more"],
    [
      "fetch https://fred:hunter2@jira.example.com/rest failed",
      "fetch https://[redacted]@jira.example.com/rest failed",
    ],
    ["token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhcHAifQ.sig-nature", "token [redacted]"],
    ["slack xoxb-1234-5678-abcdef", "slack [redacted]"],
    ["api fw_0123456789abcdefghij", "api [redacted]"],
  ])("%s → %s", (text, expected) => {
    expect(scrubber([])(text)).toBe(expected);
  });

  it("removes configured secrets as written and as JSON escapes them, but not short ones", () => {
    const scrub = scrubber(['pass"word\\123', "short"]);
    expect(scrub(JSON.stringify({ m: 'a pass"word\\123 b short' }))).toBe(
      JSON.stringify({ m: "a [redacted] b short" }),
    );
  });
});

describe("the logger", () => {
  it("writes no configured secret, whatever it is given", () => {
    const { log, text } = captured(["the-jira-api-token"]);
    log.info({ detail: "the-jira-api-token" }, "message with the-jira-api-token");
    expect(text()).not.toContain("the-jira-api-token");
  });

  it("redacts credential fields of objects it is given", () => {
    const { log, text } = captured();
    log.info(
      {
        req: {
          headers: {
            authorization: "Basic Zm9vOmJhcg==",
            cookie: "sid=cookie-value",
            "x-forge-oauth-system": "app-token-value",
          },
        },
      },
      "r",
    );
    log.info({ call: { headers: { authorization: "Bearer header-value" }, password: "password-value" } }, "c");
    for (const value of ["Zm9vOmJhcg==", "cookie-value", "app-token-value", "header-value", "password-value"])
      expect(text()).not.toContain(value);
  });

  it("logs an error's type, message, stack and code, not the vendor answer it carries", () => {
    const { log, text } = captured();
    const error = Object.assign(
      new Error("Jira answered 401", { cause: new Error("GET https://me:pw-in-url@site/rest") }),
      {
        code: "AUTH",
        status: 401,
        body: { echoed: "vendor-echoed-token" },
      },
    );
    log.error({ err: error }, "job failed");
    const line = JSON.parse(text()) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({
      type: "Error",
      code: "AUTH",
      status: 401,
      message: expect.stringContaining("Jira answered 401"),
    });
    expect(text()).not.toContain("vendor-echoed-token");
    expect(text()).not.toContain("pw-in-url");
  });
});
