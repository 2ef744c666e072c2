// Bad input gets a 4xx JSON error that names the problem, and leaves nothing behind (docs/api.md).
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

type Case = {
  what: string;
  method?: string;
  path: string | (() => string);
  body?: string;
  headers?: Record<string, string>;
  token?: string | null;
  status: number;
  code: string;
  names: RegExp;
};

describe.each(DATABASE_KINDS)("malformed requests on $name", (kind) => {
  let svc: TestService;
  let routingKey: string;
  let resolvedKey: string;
  let acknowledgedKey: string;

  const rowCounts = async () => {
    const p = svc.database.prisma;
    return Promise.all([
      p.incident.count(),
      p.alert.count(),
      p.timelineEntry.count(),
      p.service.count(),
      p.job.count(),
      p.inboundDelivery.count(),
      p.apiToken.count(),
      p.tenant.findMany({ select: { incidentSeq: true } }),
    ]);
  };
  const declare = async (title: string) =>
    ((await (await svc.api("/api/incidents", { method: "POST", json: { title } })).json()) as any).key as string;

  beforeAll(async () => {
    svc = await startTestService(kind);
    routingKey = (await svc.createService("payments")).integrationKey;
    resolvedKey = await declare("Already over");
    await svc.api(`/api/incidents/${resolvedKey}/resolve`, { method: "POST" });
    acknowledgedKey = await declare("Being handled");
    await svc.api(`/api/incidents/${acknowledgedKey}/acknowledge`, { method: "POST" });
  });
  afterAll(() => svc?.stop());

  const json = { "content-type": "application/json" };
  const cases: Case[] = [
    {
      what: "malformed JSON",
      method: "POST",
      path: "/api/incidents",
      body: '{"title": "x",}',
      headers: json,
      status: 400,
      code: "REQUEST.MALFORMED_JSON",
      names: /not valid JSON/,
    },
    {
      what: "a missing title",
      method: "POST",
      path: "/api/incidents",
      body: "{}",
      headers: json,
      status: 400,
      code: "REQUEST.INVALID",
      names: /`title`/,
    },
    {
      what: "a mistyped title",
      method: "POST",
      path: "/api/incidents",
      body: '{"title": 42}',
      headers: json,
      status: 400,
      code: "REQUEST.INVALID",
      names: /`title`: .*expected string/,
    },
    {
      what: "an unknown severity",
      method: "POST",
      path: "/api/incidents",
      body: '{"title": "x", "severity": "P1"}',
      headers: json,
      status: 400,
      code: "REQUEST.INVALID",
      names: /`severity`.*SEV1/,
    },
    {
      what: "an unknown field",
      method: "POST",
      path: "/api/incidents",
      body: '{"title": "x", "sev": "SEV1"}',
      headers: json,
      status: 400,
      code: "REQUEST.INVALID",
      names: /sev/,
    },
    {
      what: "an unknown service",
      method: "POST",
      path: "/api/incidents",
      body: '{"title": "x", "serviceId": "6f1c2d3e-0000-4000-8000-000000000000"}',
      headers: json,
      status: 404,
      code: "SERVICE.NOT_FOUND",
      names: /6f1c2d3e/,
    },
    {
      what: "a 2 MB body",
      method: "POST",
      path: "/api/incidents",
      body: JSON.stringify({ title: "x", description: "d".repeat(2 * 1024 * 1024) }),
      headers: json,
      status: 413,
      code: "REQUEST.TOO_LARGE",
      names: /1024 KiB limit/,
    },
    {
      what: "a body that is not JSON",
      method: "POST",
      path: "/api/incidents",
      body: "title=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      status: 415,
      code: "REQUEST.UNSUPPORTED_MEDIA_TYPE",
      names: /application\/json/,
    },
    {
      what: "no token",
      path: "/api/incidents",
      token: null,
      status: 401,
      code: "AUTH.TOKEN_REQUIRED",
      names: /Authorization: Bearer/,
    },
    {
      what: "a wrong token",
      path: "/api/incidents",
      token: "not-a-real-token-at-all",
      status: 401,
      code: "AUTH.INVALID_TOKEN",
      names: /unknown or revoked/,
    },
    {
      what: "a wrong token on a write",
      method: "POST",
      path: "/api/incidents",
      body: '{"title": "x"}',
      headers: json,
      token: "nope-nope-nope-nope",
      status: 401,
      code: "AUTH.INVALID_TOKEN",
      names: /token/,
    },
    {
      what: "an unknown incident key",
      path: "/api/incidents/INC-9999",
      status: 404,
      code: "INCIDENT.NOT_FOUND",
      names: /INC-9999/,
    },
    {
      what: "an unknown incident id",
      path: "/api/incidents/0b6f1c2d-0000-4000-8000-000000000000/timeline",
      status: 404,
      code: "INCIDENT.NOT_FOUND",
      names: /0b6f1c2d/,
    },
    {
      what: "a note on an unknown incident",
      method: "POST",
      path: "/api/incidents/INC-9999/notes",
      body: '{"body": "hi"}',
      headers: json,
      status: 404,
      code: "INCIDENT.NOT_FOUND",
      names: /INC-9999/,
    },
    {
      what: "a blank note",
      method: "POST",
      path: () => `/api/incidents/${acknowledgedKey}/notes`,
      body: '{"body": "  "}',
      headers: json,
      status: 400,
      code: "NOTE.BODY_REQUIRED",
      names: /`body`/,
    },
    {
      what: "acknowledging a resolved incident",
      method: "POST",
      path: () => `/api/incidents/${resolvedKey}/acknowledge`,
      status: 409,
      code: "INCIDENT.ALREADY_RESOLVED",
      names: /already resolved/,
    },
    {
      what: "resolving a resolved incident",
      method: "POST",
      path: () => `/api/incidents/${resolvedKey}/resolve`,
      status: 409,
      code: "INCIDENT.ALREADY_RESOLVED",
      names: /already resolved/,
    },
    {
      what: "acknowledging twice",
      method: "POST",
      path: () => `/api/incidents/${acknowledgedKey}/acknowledge`,
      status: 409,
      code: "INCIDENT.ALREADY_ACKNOWLEDGED",
      names: /already acknowledged/,
    },
    {
      what: "an unknown status filter",
      path: "/api/incidents?status=open",
      status: 400,
      code: "REQUEST.INVALID",
      names: /query string.*`status\[0\]`.*triggered/,
    },
    {
      what: "a service with a blank name",
      method: "POST",
      path: "/api/services",
      body: '{"name": " "}',
      headers: json,
      status: 400,
      code: "REQUEST.INVALID",
      names: /`name`/,
    },
    {
      what: "a duplicate service name",
      method: "POST",
      path: "/api/services",
      body: '{"name": "Payments"}',
      headers: json,
      status: 409,
      code: "SERVICE.NAME_TAKEN",
      names: /Payments/,
    },
    {
      what: "an unknown route",
      path: "/api/incidentz",
      status: 404,
      code: "ROUTE.NOT_FOUND",
      names: /GET \/api\/incidentz/,
    },
    {
      what: "an Alertmanager payload of another version",
      method: "POST",
      path: () => `/webhooks/alertmanager/${routingKey}`,
      body: '{"version": "3"}',
      headers: json,
      token: null,
      status: 400,
      code: "REQUEST.INVALID",
      names: /`version`: must be "4"/,
    },
    {
      what: "an Alertmanager webhook for an unknown service",
      method: "POST",
      path: `/webhooks/alertmanager/${"f".repeat(32)}`,
      body: fs.readFileSync(new URL("../fixtures/alertmanager/firing.json", import.meta.url), "utf8"),
      headers: json,
      token: null,
      status: 404,
      code: "SERVICE.NOT_FOUND",
      names: /f{32}/,
    },
    {
      what: "retrying a job that does not exist",
      method: "POST",
      path: "/api/jobs/424242/retry",
      status: 404,
      code: "JOB.NOT_FOUND",
      names: /424242/,
    },
  ];

  it.each(cases)("$what → $status $code, nothing written", async (c) => {
    const before = await rowCounts();
    const path = typeof c.path === "function" ? c.path() : c.path;
    const res = await svc.api(path, { method: c.method ?? "GET", body: c.body, headers: c.headers, token: c.token });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect({ status: res.status, code: body.error?.code }).toEqual({ status: c.status, code: c.code });
    expect(body.error.message).toMatch(c.names);
    expect(await rowCounts()).toEqual(before);
  });

  it("keeps internals out of 500 answers and the database answers /healthz", async () => {
    const res = await fetch(`${svc.url}/healthz`);
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { status: "ok" } });
  });
});
