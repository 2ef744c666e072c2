// The console's transports against a real HTTP server (the browser one) and a recorded bridge (the
// Forge one): the API's error envelope becomes an ApiError a page can show, field by field.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bridgeTransport } from "./bridge-transport.ts";
import { httpTransport } from "./http-transport.ts";
import { ApiError } from "./transport.ts";

let server: http.Server;
let base: string;
const seen: { method: string; url: string; auth: string | undefined; client: unknown; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const client = req.headers["x-firewatch-client"];
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, client, body });
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (req.url === "/api/me") return json(200, { userId: "u1", name: "Ada", role: "responder" });
      if (req.url === "/api/incidents")
        return json(400, {
          error: {
            code: "REQUEST.INVALID",
            message: "Invalid request body: `title`: must not be blank",
            fields: [{ path: "title", message: "must not be blank" }],
          },
        });
      if (req.url === "/api/denied")
        return json(401, { error: { code: "AUTH.INVALID_TOKEN", message: "The API token is unknown or revoked." } });
      if (req.url === "/api/broken")
        return res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>");
      if (req.url === "/api/empty") return res.writeHead(204).end();
      res.writeHead(200, { "content-type": "text/markdown" }).end("# Postmortem");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("httpTransport", () => {
  it("sends the token as a Bearer header, the console's client header, and JSON bodies", async () => {
    const t = httpTransport(
      base,
      () => "fw_secret",
      () => {},
    );
    expect(await t.request("GET", "/api/me")).toEqual({ userId: "u1", name: "Ada", role: "responder" });
    await failure(t.request("POST", "/api/incidents", { title: " " }));
    expect(seen.slice(-2).map((s) => [s.method, s.auth, s.client, s.body])).toEqual([
      ["GET", "Bearer fw_secret", "console", ""],
      ["POST", "Bearer fw_secret", "console", '{"title":" "}'],
    ]);
    expect(await t.request("DELETE", "/api/empty")).toBeUndefined();
    expect(seen.at(-1)?.client).toBe("console");
    expect(await t.text("/api/incidents/INC-1/postmortem/preview?format=markdown")).toBe("# Postmortem");
  });

  it("turns the API's error envelope into an ApiError with the message and each refused field", async () => {
    const error = await failure(
      httpTransport(
        base,
        () => "t",
        () => {},
      ).request("POST", "/api/incidents", { title: "" }),
    );
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({
      status: 400,
      code: "REQUEST.INVALID",
      message: "Invalid request body: `title`: must not be blank",
    });
    expect(error.fields).toEqual([{ path: "title", message: "must not be blank" }]);
  });

  it("signs out on 401 and explains a non-JSON 5xx and an unreachable service", async () => {
    let signedOut = 0;
    const t = httpTransport(
      base,
      () => "old",
      () => signedOut++,
    );
    expect((await failure(t.request("GET", "/api/denied"))).message).toBe("The API token is unknown or revoked.");
    expect(signedOut).toBe(1);
    expect((await failure(t.request("GET", "/api/broken"))).message).toMatch(/Firewatch had a problem answering/);
    const unreachable = await failure(
      httpTransport(
        "http://127.0.0.1:9",
        () => null,
        () => {},
      ).request("GET", "/api/me"),
    );
    expect(unreachable).toMatchObject({ status: 0, code: "NETWORK.UNREACHABLE" });
  });
});

describe("bridgeTransport", () => {
  it("invokes the app's api resolver and unwraps its answer", async () => {
    const calls: unknown[] = [];
    const t = bridgeTransport(async (key, payload) => {
      calls.push([key, payload]);
      return payload.path === "/api/me"
        ? { status: 200, body: { name: "Ada" } }
        : {
            status: 409,
            body: { error: { code: "INCIDENT.ALREADY_RESOLVED", message: "INC-4 is already resolved." } },
          };
    });
    expect(await t.request("GET", "/api/me")).toEqual({ name: "Ada" });
    const error = await failure(t.request("POST", "/api/incidents/INC-4/resolve"));
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({
      status: 409,
      code: "INCIDENT.ALREADY_RESOLVED",
      message: "INC-4 is already resolved.",
    });
    expect(calls).toEqual([
      ["api", { method: "GET", path: "/api/me", body: undefined }],
      ["api", { method: "POST", path: "/api/incidents/INC-4/resolve", body: undefined }],
    ]);
  });
});
