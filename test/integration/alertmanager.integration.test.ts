// Prometheus Alertmanager webhook (payload version 4) → one incident per groupKey, resolved with the group.
// Payload shape: https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
// (fixtures and provenance in test/fixtures/alertmanager/).
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/alertmanager/${name}.json`, import.meta.url), "utf8"));

describe.each(DATABASE_KINDS)("Alertmanager webhook on $name", (kind) => {
  let svc: TestService;
  let url: string;

  beforeAll(async () => {
    svc = await startTestService(kind);
    url = `${svc.url}/webhooks/alertmanager/${(await svc.createService("api")).integrationKey}`;
  });
  afterAll(() => svc?.stop());

  const post = async (body: unknown, to = url) => {
    const res = await fetch(to, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const incidents = async () => ((await (await svc.api("/api/incidents")).json()) as any).incidents;

  it("opens one incident for a firing group, counts a changed notification into it, and resolves it with the group", async () => {
    const firing = fixture("firing");
    const first = await post(firing);
    expect(first).toMatchObject({
      status: 200,
      body: { status: "processed", dedupKey: firing.groupKey, effect: "opened" },
    });
    const [incident] = await incidents();
    expect(incident).toMatchObject({ title: firing.commonAnnotations.summary, severity: "SEV1", status: "triggered" });

    // A later notification of the same group with one more alert (group_interval) joins the incident.
    const grown = {
      ...firing,
      alerts: [...firing.alerts, { ...firing.alerts[0], labels: { ...firing.alerts[0].labels, instance: "api-3" } }],
    };
    expect((await post(grown)).body).toMatchObject({
      status: "processed",
      effect: "deduplicated",
      incidentId: first.body.incidentId,
    });
    expect(await incidents()).toHaveLength(1);

    expect(await post(fixture("resolved"))).toMatchObject({
      status: 200,
      body: { effect: "resolved", incidentId: first.body.incidentId },
    });
    const detail = (await (await svc.api(`/api/incidents/${incident.key}`)).json()) as any;
    expect(detail).toMatchObject({
      status: "resolved",
      alerts: [{ dedupKey: firing.groupKey, count: 2, status: "resolved" }],
    });
    const timeline = (await (await svc.api(`/api/incidents/${incident.key}/timeline`)).json()) as any;
    expect(timeline.entries.map((e: any) => [e.type, e.source])).toEqual([
      ["incident.triggered", "alertmanager"],
      ["alert.deduplicated", "alertmanager"],
      ["incident.resolved", "alertmanager"],
    ]);
  });

  it("treats an identical redelivery (repeat_interval, or a retry after a lost answer) as a no-op", async () => {
    const firing = { ...fixture("firing"), groupKey: '{}/{severity="critical"}:{alertname="DiskFull"}' };
    expect((await post(firing)).body.status).toBe("processed");
    const again = await post(firing);
    expect(again).toMatchObject({ status: 200, body: { status: "duplicate", effect: null, incidentId: null } });
    const open = (await incidents()).filter((i: any) => i.status === "triggered");
    expect(open).toHaveLength(1);
    const detail = (await (await svc.api(`/api/incidents/${open[0].key}`)).json()) as any;
    expect(detail.alerts[0].count).toBe(1);
  });

  it("opens an incident on each service one notification is sent to (one receiver, two webhook_configs)", async () => {
    const firing = {
      ...fixture("firing"),
      groupKey: '{}/{alertname="SharedReceiver"}',
      commonAnnotations: { summary: "Shared receiver fired" },
    };
    const other = `${svc.url}/webhooks/alertmanager/${(await svc.createService("payments")).integrationKey}`;
    const first = await post(firing);
    const second = await post(firing, other);
    expect([first.body, second.body]).toMatchObject([
      { status: "processed", effect: "opened" },
      { status: "processed", effect: "opened" },
    ]);
    expect(second.body.incidentId).not.toBe(first.body.incidentId);
    // Each service still deduplicates its own redelivery.
    expect((await post(firing, other)).body).toMatchObject({ status: "duplicate", effect: null });
    expect((await incidents()).filter((i: any) => i.title === "Shared receiver fired")).toHaveLength(2);
  });

  it("answers 404 for an unknown routing key, even with a notification it has seen before", async () => {
    const firing = { ...fixture("firing"), groupKey: '{}/{alertname="SeenBefore"}' };
    expect((await post(firing)).body.status).toBe("processed");
    const deliveries = await svc.database.prisma.inboundDelivery.count();
    const unknown = await post(firing, `${svc.url}/webhooks/alertmanager/${"f".repeat(32)}`);
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "SERVICE.NOT_FOUND" } } });
    expect(await svc.database.prisma.inboundDelivery.count()).toBe(deliveries);
  });

  it("opens a new incident when a resolved group fires again", async () => {
    const annotations = { summary: "Flapping health check" };
    const firing = { ...fixture("firing"), groupKey: '{}/{alertname="Flapping"}', commonAnnotations: annotations };
    await post(firing);
    await post({ ...fixture("resolved"), groupKey: firing.groupKey, commonAnnotations: annotations });
    await post({ ...firing, alerts: firing.alerts.map((a: any) => ({ ...a, startsAt: "2024-05-14T10:00:00Z" })) });
    const flapping = (await incidents()).filter((i: any) => i.title === annotations.summary);
    expect(flapping.map((i: any) => i.status)).toEqual(["triggered", "resolved"]);
  });

  const alert = (i: number, labels: Record<string, string> = {}) => ({
    ...fixture("firing").alerts[0],
    labels: { alertname: "Bounds", pod: `api-${i}`, ...labels },
  });
  const many = (n: number, prefix: string) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, "x"]));
  it.each<[string, (p: any) => void, string, RegExp]>([
    [
      "1,001 alerts",
      (p) => (p.alerts = Array.from({ length: 1_001 }, (_, i) => alert(i))),
      "alerts",
      /has more than 1000 alerts; set max_alerts: 1000/,
    ],
    [
      "129 labels on an alert",
      (p) => (p.alerts = [alert(0, many(127, "l"))]),
      "alerts[0].labels",
      /has more than 128 entries/,
    ],
    [
      "a label value over 16 KiB",
      (p) => (p.groupLabels = { alertname: "x".repeat(16_385) }),
      "groupLabels.alertname",
      /16384/,
    ],
    [
      "an annotation over 64 KiB",
      (p) => (p.commonAnnotations = { description: "x".repeat(65_537) }),
      "commonAnnotations.description",
      /65536/,
    ],
    [
      "an externalURL over 16 KiB",
      (p) => (p.externalURL = `http://alertmanager/${"x".repeat(16_384)}`),
      "externalURL",
      /16384/,
    ],
  ])("refuses a notification with %s, naming the field, and opens nothing", async (_what, change, path, message) => {
    const before = (await incidents()).length;
    const payload = { ...fixture("firing"), groupKey: `{}/{alertname="Bounds ${path}"}` };
    change(payload);
    const res = await post(payload);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("REQUEST.INVALID");
    expect(res.body.error.fields).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect((await incidents()).length).toBe(before);
  });

  it("accepts a notification at every bound", async () => {
    const payload = {
      ...fixture("firing"),
      groupKey: '{}/{alertname="At the bounds"}',
      alerts: Array.from({ length: 1_000 }, (_, i) => alert(i)),
    };
    payload.alerts[0] = alert(0, many(126, "l"));
    expect((await post(payload)).status).toBe(200);
  });
});
