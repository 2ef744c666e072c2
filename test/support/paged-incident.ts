// Opening an incident the way monitoring does, and opening a page's links the way a browser does: shared by the
// tests of answering a page where it lands (Slack, SMS, e-mail, sign-in links).
import { eventually, type TestService } from "./running-service.ts";

/** An Events v2 trigger (`dedup_key` = summary) to the service; resolves with the incident it opened, as listed. */
export async function alertOpensIncident(
  svc: TestService,
  service: { id: string; integrationKey: string },
  summary: string,
): Promise<any> {
  const res = await fetch(`${svc.url}/v2/enqueue`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      routing_key: service.integrationKey,
      event_action: "trigger",
      dedup_key: summary,
      payload: { summary, source: "prometheus", severity: "critical" },
    }),
  });
  if (res.status !== 202) throw new Error(`the alert answered ${res.status}: ${await res.text()}`);
  return eventually("the incident", async () => {
    const listed = (await (await svc.api(`/api/incidents?serviceId=${service.id}`)).json()) as any;
    return listed.incidents.find((i: any) => i.title === summary);
  });
}

/** Opens a link (GET) or presses its page's button (POST) without following redirects or sending a cookie. */
export async function openLink(url: string, method: "GET" | "POST" = "GET") {
  const res = await fetch(url, { method, redirect: "manual" });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** The incident's escalation levels and pages still queued: empty once an answer stopped its escalation. */
export async function pendingEscalation(svc: TestService, incidentId: string): Promise<any[]> {
  const res = await svc.api("/api/jobs?state=pending&limit=500");
  if (!res.ok) throw new Error(`GET /api/jobs answered ${res.status}`);
  return ((await res.json()) as any).jobs.filter(
    (j: any) => j.payload.incidentId === incidentId && ["escalation.level", "page.send"].includes(j.task),
  );
}
