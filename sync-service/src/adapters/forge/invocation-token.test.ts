// Forge Invocation Token verification against a JWKS served over HTTP, with a locally generated key pair
// standing in for Forge's (https://developer.atlassian.com/platform/forge/remote/essentials/#verifying-remote-requests).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvocationTokens } from "../../../../stand-ins/forge/index.ts";
import {
  InvalidInvocationTokenError,
  InvocationKeysUnavailableError,
  type InvocationVerifier,
} from "../../ports/invocation-verifier.ts";
import { appAri, invocationVerifier } from "./invocation-token.ts";

const appId = randomUUID();
const cloudId = randomUUID();
const claims = {
  appAri: appAri(appId),
  installationId: `ari:cloud:ecosystem::installation/${randomUUID()}`,
  cloudId,
  apiBaseUrl: `https://api.atlassian.com/ex/jira/${cloudId}`,
  principal: "712020:5f0c2a4e-8b1d-4c3e-9f6a-7b8c9d0e1f2a",
};

let forge: InvocationTokens;
let verifier: InvocationVerifier;

beforeAll(async () => {
  forge = new InvocationTokens();
  await forge.start();
  verifier = invocationVerifier({ appId, jwksUrl: forge.jwksUrl });
});
afterAll(() => forge?.stop());

async function refusal(token: string): Promise<string> {
  const error = await verifier.verify(token).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInvocationTokenError);
  return (error as Error).message;
}

describe("invocationVerifier", () => {
  it("accepts a token Forge signed for this app and tells the site, installation and user", async () => {
    expect(await verifier.verify(await forge.mint(claims))).toEqual({
      appId: claims.appAri,
      installationId: claims.installationId,
      cloudId,
      apiBaseUrl: claims.apiBaseUrl,
      product: "jira",
      accountId: claims.principal,
      environment: "a7c4d6f8-0000-4000-8000-00000000e001",
    });
    // Events and scheduled triggers carry no user; the app id may be configured with or without its ARI prefix.
    const asUuid = invocationVerifier({ appId: claims.appAri, jwksUrl: forge.jwksUrl });
    expect((await asUuid.verify(await forge.mint({ ...claims, principal: null }))).accountId).toBeNull();
  });

  it("refuses an expired token, one for another app, one from another issuer and one signed with another key", async () => {
    expect(await refusal(await forge.mint(claims, { expiresIn: -60 }))).toBe("the Forge invocation token has expired");
    expect(await refusal(await forge.mint(claims, { audience: appAri(randomUUID()) }))).toMatch(
      /^the Forge invocation token is for another app \(expected audience ari:cloud:ecosystem::app\/.* check FORGE_APP_ID\)$/,
    );
    expect(await refusal(await forge.mint(claims, { issuer: "forge/someone-else" }))).toBe(
      "the token was not issued by Forge (issuer must be forge/invocation-token)",
    );
    expect(await refusal(await forge.mint(claims, { key: await InvocationTokens.foreignKey() }))).toBe(
      "the Forge invocation token is not signed by a key in Forge's JWKS (FORGE_JWKS_URL)",
    );
  });

  it("refuses a token issued in the future, or living longer than Forge's do", async () => {
    expect(await refusal(await forge.mint(claims, { issuedAt: 3600 }))).toBe(
      "the Forge invocation token is issued in the future (iat); check this server's clock",
    );
    expect(await refusal(await forge.mint(claims, { expiresIn: 3600 }))).toBe(
      "the Forge invocation token lives longer than Forge's do (exp - iat over 600 s)",
    );
    expect(await refusal(await forge.mint(claims, { issuedAt: -3600, expiresIn: 60 }))).toBe(
      "the Forge invocation token has expired",
    );
    // Clocks may disagree a little: a token issued a few seconds ahead is fine.
    expect((await verifier.verify(await forge.mint(claims, { issuedAt: 10 }))).cloudId).toBe(cloudId);
  });

  it("refuses what is not a token, and tokens that do not name one site", async () => {
    expect(await refusal("not-a-token")).toBe("the Forge invocation token is malformed");
    expect(
      await refusal(
        await forge.mint(claims, { claims: { app: { id: claims.appAri, installationId: claims.installationId } } }),
      ),
    ).toBe("the Forge invocation token has no app.apiBaseUrl claim");
    expect(await refusal(await forge.mint(claims, { claims: { context: { cloudId: randomUUID() } } }))).toBe(
      "the Forge invocation token names more than one site",
    );
    expect(
      await refusal(await forge.mint({ ...claims, apiBaseUrl: "https://api.atlassian.com/ex/bitbucket/x" })),
    ).toMatch(/does not name a Jira or Confluence site/);
  });

  it("says Forge's keys are out of reach (so Forge retries) rather than calling a good token bad", async () => {
    const unreachable = invocationVerifier({ appId, jwksUrl: "http://127.0.0.1:9/.well-known/jwks.json" });
    await expect(unreachable.verify(await forge.mint(claims))).rejects.toBeInstanceOf(InvocationKeysUnavailableError);
  });
});
