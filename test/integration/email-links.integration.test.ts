// Acting on a page where it lands, by e-mail: the page's mail carries one-time links (`/act/<token>`). Opening one
// shows a confirmation page and changes nothing (mail scanners and link prefetchers open links too); its one button
// POSTs back, which acknowledges or resolves through the same use case as the console's button (so the level-2
// escalation stops the same way), once. The mail is read from a real SMTP listener, the pages through real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../../sync-service/src/usecases/shared/secret-token.ts";
import { mailPart, SmtpCapture } from "../../stand-ins/smtp/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { alertOpensIncident, openLink, pendingEscalation } from "../support/paged-incident.ts";
import { eventually, startTestService, TestClock, type TestService } from "../support/running-service.ts";

const DAY_MS = 86_400_000;

describe.each(DATABASE_KINDS)("e-mail action links on $name", (kind) => {
  const smtp = new SmtpCapture();
  const clock = new TestClock();
  const logLines: string[] = [];
  let svc: TestService;
  let service: { id: string; integrationKey: string };

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };
  const statusOf = async (key: string) => (await call("GET", `/api/incidents/${key}`)).status;
  const timeline = async (key: string) => (await call("GET", `/api/incidents/${key}/timeline`)).entries as any[];
  /** A link as a browser opens it: no credential but the URL. */

  /** An alert opens an incident; resolves with it and the links of Alice's page mail about it. */
  const pagedIncident = async (summary: string) => {
    const incident = await alertOpensIncident(svc, service, summary);
    const mail = await eventually("Alice's page mail", async () =>
      smtp.mailsTo("alice@example.com").find((m) => m.raw.includes(`${incident.key} triggered`)),
    );
    const text = mailPart(mail.raw, "text/plain")!;
    const html = mailPart(mail.raw, "text/html")!;
    const link = (label: string) => text.match(new RegExp(`^${label}: (\\S+)$`, "m"))?.[1];
    const links = {
      acknowledge: link("Acknowledge")!,
      resolve: link("Resolve")!,
      signIn: link("Open in Firewatch \\(signs you in\\)")!,
    };
    return { incident, text, html, links };
  };

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    svc = await startTestService(kind, {
      env: { SMTP_URL: smtpUrl, LOG_LEVEL: "info" },
      clock,
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
    const alice = await call("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    await call("POST", `/api/users/${alice.id}/contact-methods`, { kind: "email", address: "alice@example.com" });
    const bob = await call("POST", "/api/users", { name: "Bob Backup", email: "bob@example.com" });
    await call("POST", `/api/users/${bob.id}/contact-methods`, { kind: "email", address: "bob@example.com" });
    const policy = await call("POST", "/api/escalation-policies", {
      name: "Checkout",
      repeat: 0,
      levels: [
        { delayMinutes: 5, targets: [{ type: "user", id: alice.id }] },
        { delayMinutes: 5, targets: [{ type: "user", id: bob.id }] },
      ],
    });
    service = await call("POST", "/api/services", { name: "checkout", escalationPolicyId: policy.id });
  });
  afterAll(async () => {
    await svc?.stop();
    await smtp.stop();
  });

  it("puts Acknowledge, Resolve and sign-in links in both parts of the mail, under PUBLIC_URL", async () => {
    const { incident, html, links } = await pagedIncident("Checkout 5xx above 5%");
    expect(links.acknowledge).toMatch(new RegExp(`^${svc.url}/act/[A-Za-z0-9_-]{43}$`));
    expect(links.resolve).toMatch(new RegExp(`^${svc.url}/act/[A-Za-z0-9_-]{43}$`));
    expect(links.signIn).toMatch(new RegExp(`^${svc.url}/signin/[A-Za-z0-9_-]{43}$`));
    expect(new Set(Object.values(links)).size).toBe(3);
    for (const url of Object.values(links)) expect(html).toContain(`href="${url}"`);
    expect(html).toContain("Open in Firewatch (signs you in)");
    await call("POST", `/api/incidents/${incident.key}/resolve`);
  });

  it("shows a confirmation on GET and changes nothing; POST acknowledges as the person and stops the escalation", async () => {
    const { incident, links } = await pagedIncident("Search latency over SLO");
    const seen = await openLink(links.acknowledge);
    expect(seen.status).toBe(200);
    expect(seen.html).toContain(`Acknowledge ${incident.key} — Search latency over SLO?`);
    expect(seen.html).toContain("as Alice Adams");
    expect(seen.html).toMatch(/<form method="post">/);
    expect(seen.html).not.toMatch(/<script/i);
    expect(seen.headers.get("content-security-policy")).toMatch(/default-src 'self'.*script-src 'none'/);
    expect(seen.headers.get("cache-control")).toBe("no-store");
    // Opened twice, as a scanner and then the person would: still nothing changed, the link still works.
    expect((await openLink(links.acknowledge)).status).toBe(200);
    expect(await statusOf(incident.key)).toBe("triggered");
    expect(await pendingEscalation(svc, incident.id)).not.toEqual([]);

    const done = await openLink(links.acknowledge, "POST");
    expect(done.status).toBe(200);
    expect(done.html).toContain(`Acknowledged ${incident.key}. Escalation stopped.`);
    expect(done.html).toContain(`href="/incidents/${incident.key}"`);
    expect(await statusOf(incident.key)).toBe("acknowledged");
    expect(await pendingEscalation(svc, incident.id)).toEqual([]);
    expect((await timeline(incident.key)).find((e) => e.type === "incident.acknowledged")).toMatchObject({
      author: "Alice Adams",
      body: `Alice Adams acknowledged ${incident.key} from an e-mail link and is now its owner`,
    });

    // Used once: the same link again changes nothing, on GET or POST.
    const again = await openLink(links.acknowledge, "POST");
    expect(again.status).toBe(410);
    expect(again.html).toContain("This link was already used");
    expect(again.html).toContain("may already be handled");
    expect((await openLink(links.acknowledge)).status).toBe(410);
    expect((await timeline(incident.key)).filter((e) => e.type === "incident.acknowledged")).toHaveLength(1);

    // The resolve link of the same mail still works, once.
    expect((await openLink(links.resolve, "POST")).html).toContain(`Resolved ${incident.key}.`);
    expect(await statusOf(incident.key)).toBe("resolved");
    expect((await openLink(links.resolve, "POST")).status).toBe(410);
  });

  it("says an incident is already handled when the link comes too late, without an error", async () => {
    const { incident, links } = await pagedIncident("Login errors after deploy");
    expect((await openLink(links.resolve, "POST")).status).toBe(200);
    const late = await openLink(links.acknowledge, "POST");
    expect(late.status).toBe(200);
    expect(late.html).toContain(`${incident.key} is already resolved.`);
    expect(late.html).toContain("Nothing was changed.");
    expect(await statusOf(incident.key)).toBe("resolved");
  });

  it("refuses links it never issued, and a link naming another tenant than its person's, with 404", async () => {
    const { incident, links } = await pagedIncident("Payments queue backing up");
    const unknown = await openLink(`${svc.url}/act/${"A".repeat(43)}`, "POST");
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain("This link is not known");
    expect((await openLink(`${svc.url}/act/short`)).status).toBe(404);
    // A sign-in link is no action link, and the other way round.
    expect((await openLink(links.signIn.replace("/signin/", "/act/"), "POST")).status).toBe(404);
    expect((await openLink(links.acknowledge.replace("/act/", "/signin/"), "POST")).status).toBe(404);

    // A link row for Alice and this incident that names another tenant acts for nobody.
    const token = "B".repeat(43);
    const stored = await svc.database.prisma.pageLink.findFirstOrThrow({ where: { incidentId: incident.id } });
    await svc.database.prisma.pageLink.create({
      data: {
        ...stored,
        id: crypto.randomUUID(),
        tenantId: crypto.randomUUID(),
        purpose: "acknowledge",
        usedAt: null,
        tokenHash: hashSecret(token),
      },
    });
    expect((await openLink(`${svc.url}/act/${token}`)).status).toBe(404);
    expect((await openLink(`${svc.url}/act/${token}`, "POST")).status).toBe(404);
    expect(await statusOf(incident.key)).toBe("triggered");
    await call("POST", `/api/incidents/${incident.key}/resolve`);
  });

  it("refuses an expired link with 410 and changes nothing", async () => {
    const { incident, links } = await pagedIncident("Disk full on db-1");
    clock.advance(DAY_MS + 60_000);
    try {
      const seen = await openLink(links.acknowledge);
      expect(seen.status).toBe(410);
      expect(seen.html).toContain("This link has expired");
      expect((await openLink(links.acknowledge, "POST")).status).toBe(410);
      expect(await statusOf(incident.key)).not.toBe("acknowledged");
      expect((await timeline(incident.key)).some((e) => e.type === "incident.acknowledged")).toBe(false);
    } finally {
      clock.reset();
    }
    await call("POST", `/api/incidents/${incident.key}/resolve`);
  });

  it("writes no link token to a log line", async () => {
    const tokens = smtp.mails.flatMap((m) =>
      [...(mailPart(m.raw, "text/plain") ?? "").matchAll(/\/(?:act|signin)\/([\w-]{43})/g)].map((t) => t[1]!),
    );
    expect(tokens.length).toBeGreaterThan(5);
    const logged = logLines.join("");
    expect(logged).toContain("/act/[redacted]");
    for (const token of tokens) expect(logged).not.toContain(token);
  });
});
