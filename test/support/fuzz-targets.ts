// Real things for the route fuzzer to aim at, made through the API as the admin of the standalone tenant,
// so that a mutated request which happens to be valid reaches the end of its route: people, a schedule with
// an override, a policy, services, rules, open and resolved incidents with a note and a postmortem, a job,
// and issues in both the standalone Jira and the Forge site's.
import { randomUUID } from "node:crypto";
import { hashSecret } from "../../sync-service/src/usecases/shared/secret-token.ts";
import type { Answer, HostileWorld } from "./hostile-client.ts";

export interface Ids {
  readonly user: string;
  /** One the fuzzer may deactivate (DELETE /api/users/:id). */
  readonly spareUser: string;
  /** The target person's e-mail contact method, and one the fuzzer may delete. */
  readonly contact: string;
  readonly spareContact: string;
  /** A token of the target person the fuzzer may revoke. */
  readonly spareToken: string;
  readonly schedule: string;
  readonly policy: string;
  /** One no service uses, which the fuzzer may delete. */
  readonly sparePolicy: string;
  /** A team of the target person, and one the fuzzer may delete. */
  readonly team: string;
  readonly spareTeam: string;
  /** A response play, one the fuzzer may delete, and a subscriber of the open incident it may remove. */
  readonly play: string;
  readonly sparePlay: string;
  readonly subscriber: string;
  readonly service: string;
  /** One the fuzzer may delete (DELETE /api/services/:id with its valid id succeeds once). */
  readonly spareService: string;
  readonly integrationKey: string;
  readonly rule: string;
  readonly spareRule: string;
  /** An open incident, its note, one to resolve, and a resolved one with a postmortem. */
  readonly key: string;
  readonly entry: string;
  readonly spareKey: string;
  readonly resolvedKey: string;
  readonly job: string;
  readonly standaloneIssue: { id: string; key: string };
  readonly siteIssue: { id: string; key: string };
  readonly siteAdmin: string;
  /** One-time page links (as a mail carries them) for the spare incident: acknowledge, and sign in. */
  readonly actToken: string;
  /** `<token>.ics` of the target person's calendar feed. */
  readonly calendarFile: string;
  readonly signInToken: string;
}

/** How the fuzzer reaches one route with input it accepts; it mutates from there. */
export interface RouteSpec {
  /** A valid value for each path parameter. */
  readonly params?: (ids: Ids) => Record<string, string>;
  /** Parameters sent as given, never fuzzed (which Forge resolver a variant is about). */
  readonly fixedParams?: readonly string[];
  readonly query?: (ids: Ids) => Record<string, string>;
  readonly body?: (ids: Ids) => unknown;
  /** The body is form-encoded (Slack's slash commands), not JSON. */
  readonly form?: boolean;
  /** An answer that is right although the general rules would call it a failure. */
  readonly allow?: (res: Answer) => boolean;
}

export async function fuzzTargets(w: HostileWorld): Promise<Ids> {
  const ok = async (method: string, path: string, json?: unknown) => {
    const res = await w.send({
      method,
      path,
      headers: { "content-type": "application/json" },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
    return res.json;
  };
  const user = await ok("POST", "/api/users", { name: "Target Person", email: "target@example.com" });
  const spareUser = await ok("POST", "/api/users", { name: "Spare Person", email: "spare@example.com" });
  const contactOf = (address: string) =>
    ok("POST", `/api/users/${user.id}/contact-methods`, { kind: "email", address, delayMinutes: 0 });
  const contact = await contactOf("target@example.com");
  const spareContact = await contactOf("spare@example.com");
  const spareToken = await ok("POST", `/api/users/${user.id}/tokens`, { name: "spare token" });
  const feed = await ok("POST", `/api/users/${user.id}/calendar-feed`, {});
  const schedule = await ok("POST", "/api/schedules", {
    name: "Target rota",
    timeZone: "UTC",
    layers: [{ users: [user.id], rotation: { type: "weekly", shiftLength: 1, start: "2026-01-05T09:00" } }],
    overrides: [{ user: user.id, start: "2026-01-06T00:00:00Z", end: "2026-01-07T00:00:00Z" }],
  });
  const policy = await ok("POST", "/api/escalation-policies", {
    name: "Target policy",
    levels: [{ delayMinutes: 5, targets: [{ type: "schedule", id: schedule.id }] }],
  });
  const team = await ok("POST", "/api/teams", { name: "Target team", members: [user.id] });
  const spareTeam = await ok("POST", "/api/teams", { name: "Spare team", members: [user.id] });
  const sparePolicy = await ok("POST", "/api/escalation-policies", {
    name: "Spare policy",
    levels: [{ delayMinutes: 5, targets: [{ type: "user", id: user.id }] }],
  });
  const service = await ok("POST", "/api/services", { name: "target-service", escalationPolicyId: policy.id });
  const spareService = await ok("POST", "/api/services", { name: "spare-service" });
  const rule = await ok("POST", "/api/escalation-rules", {
    name: "Target rule",
    jql: "project = CI AND labels = target",
    serviceId: service.id,
  });
  const spareRule = await ok("POST", "/api/escalation-rules", {
    name: "Spare rule",
    jql: "project = CI",
    serviceId: service.id,
  });
  const open = await ok("POST", "/api/incidents", { title: "Target outage", serviceId: service.id, severity: "SEV2" });
  const entry = await ok("POST", `/api/incidents/${open.key}/notes`, { body: "target note" });
  const play = await ok("POST", "/api/response-plays", {
    name: "Target play",
    addSubscribers: [{ teamId: team.id }],
    conferenceBridge: { url: "https://meet.example.com/target" },
  });
  const sparePlay = await ok("POST", "/api/response-plays", { name: "Spare play" });
  const subscriber = await ok("POST", `/api/incidents/${open.key}/subscribers`, { email: "stakeholder@example.com" });
  const spare = await ok("POST", "/api/incidents", { title: "Spare outage" });
  const resolved = await ok("POST", "/api/incidents", { title: "Resolved outage", serviceId: service.id });
  await ok("POST", `/api/incidents/${resolved.key}/action-items`, { title: "Target follow-up" });
  await ok("POST", `/api/incidents/${resolved.key}/resolve`);
  await ok("POST", `/api/incidents/${resolved.key}/postmortem`);
  const job = await w.world.svc.database.prisma.job.findFirstOrThrow({ orderBy: { id: "asc" } });
  const standaloneIssue = await w.jira.createIssueAsUser({ project: "CI", summary: "Target issue" });
  const siteIssue = await w.site.jira.createIssueAsUser({ project: "CI", summary: "Target site issue" }, w.site.person);
  const actToken = "fuzz-act-link".padEnd(43, "A");
  const signInToken = "fuzz-signin-link".padEnd(43, "S");
  const spareRow = await w.world.svc.database.prisma.incident.findUniqueOrThrow({ where: { id: spare.id } });
  for (const [purpose, token] of [
    ["acknowledge", actToken],
    ["signin", signInToken],
  ] as const) {
    await w.world.svc.database.prisma.pageLink.create({
      data: {
        id: randomUUID(),
        tenantId: spareRow.tenantId,
        userId: user.id,
        incidentId: spareRow.id,
        purpose,
        tokenHash: hashSecret(token),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
  }
  // The site admin's first call makes their Firewatch user (and a job to learn their name): done before fuzzing.
  await ok("POST", "/forge/resolvers/admin-settings", {});
  return {
    user: user.id,
    spareUser: spareUser.id,
    contact: contact.id,
    spareContact: spareContact.id,
    spareToken: spareToken.id,
    schedule: schedule.id,
    policy: policy.id,
    sparePolicy: sparePolicy.id,
    team: team.id,
    spareTeam: spareTeam.id,
    play: play.id,
    sparePlay: sparePlay.id,
    subscriber: subscriber.id,
    service: service.id,
    spareService: spareService.id,
    integrationKey: service.integrationKey,
    rule: rule.id,
    spareRule: spareRule.id,
    key: open.key,
    entry: entry.id,
    spareKey: spare.key,
    resolvedKey: resolved.key,
    job: String(job.id),
    standaloneIssue: { id: standaloneIssue.id, key: standaloneIssue.key },
    siteIssue: { id: siteIssue.id, key: siteIssue.key },
    siteAdmin: w.site.admin,
    actToken,
    signInToken,
    calendarFile: String(feed.url).split("/calendar/")[1]!,
  };
}
