// Forge's side of Forge Remote authentication: a signing key published as a JWKS, and Forge Invocation
// Tokens (FIT) signed with it, with the claims Forge puts in them
// (https://developer.atlassian.com/platform/forge/forge-remote-invocation-contract): iss
// `forge/invocation-token`, aud and app.id the app's ARI, app.installationId, app.apiBaseUrl (the site's
// API through the gateway), app.environment, context.cloudId, principal (the user, when a person acted).
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { LoopbackServer } from "../common/loopback-server.ts";

export const FIT_ISSUER = "forge/invocation-token";
/** The Forge environment (`app.environment.id`) the app's invocations come from; its global page is under it. */
export const FORGE_ENVIRONMENT_ID = "a7c4d6f8-0000-4000-8000-00000000e001";

export interface FitClaims {
  readonly appAri: string;
  readonly installationId: string;
  readonly cloudId: string;
  readonly apiBaseUrl: string;
  readonly principal?: string | null;
  readonly moduleKey?: string;
}

export interface FitOverrides {
  /** Seconds from now; negative for a token that has expired. */
  readonly expiresIn?: number;
  /** `iat` in seconds from now (default: a minute ago, or a minute before an expired token's `exp`); `nbf` stays. */
  readonly issuedAt?: number;
  readonly audience?: string;
  readonly issuer?: string;
  /** Sign with another key than the published one. */
  readonly key?: CryptoKey;
  /** Extra or replaced claims, merged last. */
  readonly claims?: Record<string, unknown>;
}

export class InvocationTokens {
  private readonly server = new LoopbackServer(async (req, res) => {
    if (req.url !== "/.well-known/jwks.json") return void res.writeHead(404).end();
    this.jwksRequests++;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [this.jwk] }));
  });
  private privateKey!: CryptoKey;
  private jwk!: JWK;
  private url = "";
  jwksRequests = 0;
  readonly kid = `forge-${randomUUID().slice(0, 8)}`;

  async start(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    this.privateKey = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kid: this.kid, alg: "RS256", use: "sig" };
    this.url = await this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get jwksUrl(): string {
    return `${this.url}/.well-known/jwks.json`;
  }

  /** A key that is not in the JWKS, for tokens Forge did not sign. */
  static async foreignKey(): Promise<CryptoKey> {
    return (await generateKeyPair("RS256")).privateKey;
  }

  async mint(claims: FitClaims, overrides: FitOverrides = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      app: {
        id: claims.appAri,
        version: "1.0.0",
        installationId: claims.installationId,
        apiBaseUrl: claims.apiBaseUrl,
        environment: { type: "DEVELOPMENT", id: FORGE_ENVIRONMENT_ID },
        module: { type: "xen:remote", key: claims.moduleKey ?? "firewatch-resolver" },
      },
      context: { cloudId: claims.cloudId, moduleKey: claims.moduleKey ?? "firewatch-resolver" },
      ...(claims.principal ? { principal: claims.principal } : {}),
      ...overrides.claims,
    };
    const expiresIn = overrides.expiresIn ?? 300;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "RS256", kid: this.kid, typ: "JWT" })
      .setIssuer(overrides.issuer ?? FIT_ISSUER)
      .setAudience(overrides.audience ?? claims.appAri)
      .setIssuedAt(now + (overrides.issuedAt ?? Math.min(0, expiresIn) - 60))
      .setNotBefore(now + Math.min(0, expiresIn) - 60)
      .setExpirationTime(now + expiresIn)
      .setJti(randomUUID())
      .sign(overrides.key ?? this.privateKey);
  }
}
