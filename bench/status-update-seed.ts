// The status-update benchmark's client of the service's API, and its subscribers seeded through it: people in teams
// subscribed as teams, people subscribed one by one, plain e-mail addresses; every other person also has a Slack
// contact (a person the Slack stand-in knows). Gives every delivery the service should make for one update.
import type { SlackEmulator } from "../stand-ins/slack/index.ts";
import type { ServiceProcess } from "../test/support/service-process.ts";
import { ADMIN_TOKEN } from "./config.ts";

export interface StatusUpdateSize {
  /** People subscribed through their teams, in teams of `teamSize` (the API takes at most 200 members a team). */
  readonly teamPeople: number;
  readonly teamSize: number;
  /** People subscribed one by one. */
  readonly directPeople: number;
  /** Plain e-mail addresses subscribed. */
  readonly emails: number;
}

/** One recipient on one channel: an e-mail address (lower case) or a Slack member id. */
export interface ExpectedDelivery {
  readonly channel: "email" | "slack";
  readonly recipient: string;
}

export interface Seeded {
  readonly incidentKey: string;
  readonly expected: readonly ExpectedDelivery[];
  readonly subscribers: number;
  readonly slackPeople: number;
  readonly teams: number;
}

/** `(method, path, body?) → JSON`, throwing on an answer of 400 or more. */
export type Api = (method: string, path: string, json?: unknown) => Promise<any>;

/**
 * The service's API as the admin. A GET that meets a reset connection is sent again: a keep-alive socket the service
 * closed as idle (5 s) can be picked for the next request at that moment, more often on a busy machine.
 */
export function apiOf(service: () => ServiceProcess): Api {
  return async (method, p, json) => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${service().url}${p}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: json === undefined ? undefined : JSON.stringify(json),
      }).catch((error: Error) => {
        const { exitCode, signalCode } = service().child;
        const alive = exitCode === null && signalCode === null;
        if (alive && method === "GET" && attempt < 3) return null;
        const exited = alive ? "" : `; the service exited (${exitCode ?? signalCode})`;
        throw new Error(`bench: ${method} ${p}: ${error.message} (${String(error.cause)})${exited}`);
      });
      if (!res) continue;
      const body = await res.json().catch(() => null);
      if (res.status >= 400) throw new Error(`bench: ${method} ${p} answered ${res.status}: ${JSON.stringify(body)}`);
      return body;
    }
  };
}

/** Requests in flight while seeding: quick, and well under the service's connection pool. */
const SEED_CONCURRENCY = 16;

async function inParallel<T, R>(items: readonly T[], work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEED_CONCURRENCY, items.length) }, worker));
  return out;
}

const slackIdOf = (i: number) => `U0BENCH${String(i).padStart(5, "0")}`;

/** Creates the people, teams and subscriptions, and an incident to post the updates on. */
export async function seedSubscribers(api: Api, slack: SlackEmulator, size: StatusUpdateSize): Promise<Seeded> {
  const incident = await api("POST", "/api/incidents", { title: "Bench status updates", severity: "SEV3" });
  const key = incident.key as string;
  const people = size.teamPeople + size.directPeople;
  const expected: ExpectedDelivery[] = [];
  let slackPeople = 0;
  const ids = await inParallel(
    Array.from({ length: people }, (_, i) => i),
    async (i) => {
      const email = `person-${i}@bench.example.com`;
      const user = await api("POST", "/api/users", { name: `Bench Person ${i}`, email });
      expected.push({ channel: "email", recipient: email });
      if (i % 2 === 0) {
        const slackId = slackIdOf(i);
        slack.addUser({ id: slackId, name: `bench.person.${i}`, realName: `Bench Person ${i}` });
        await api("POST", `/api/users/${user.id}/contact-methods`, { kind: "slack", address: slackId });
        expected.push({ channel: "slack", recipient: slackId });
        slackPeople++;
      }
      return user.id as string;
    },
  );
  const teamIds: string[] = [];
  for (let start = 0; start < size.teamPeople; start += size.teamSize) {
    const members = ids.slice(start, Math.min(start + size.teamSize, size.teamPeople));
    const team = await api("POST", "/api/teams", { name: `Bench team ${teamIds.length + 1}`, members });
    teamIds.push(team.id);
  }
  const emails = Array.from({ length: size.emails }, (_, i) => `outside-${i}@bench.example.org`);
  for (const recipient of emails) expected.push({ channel: "email", recipient });
  const refs = [
    ...teamIds.map((teamId) => ({ teamId })),
    ...ids.slice(size.teamPeople).map((userId) => ({ userId })),
    ...emails.map((email) => ({ email })),
  ];
  await inParallel(refs, (ref) => api("POST", `/api/incidents/${key}/subscribers`, ref));
  return { incidentKey: key, expected, subscribers: people + size.emails, slackPeople, teams: teamIds.length };
}
