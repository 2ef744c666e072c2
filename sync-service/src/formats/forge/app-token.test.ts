// The app token Forge sends beside an invocation (x-forge-oauth-system), read for its expiry.
import { describe, expect, it } from "vitest";
import { appTokenOf } from "./app-token.ts";

describe("appTokenOf", () => {
  it("reads the app token's expiry from its own exp claim", () => {
    const exp = 1_900_000_000;
    const token = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.sig`;
    expect(appTokenOf(token)).toEqual({ token, expiresAt: new Date(exp * 1000) });
    expect(appTokenOf(undefined)).toBeNull();
    expect(appTokenOf("opaque-token")).toBeNull();
  });
});
