// A world for use-case tests (an in-memory store and a fake clock) and the few things the core flows need in it.
import { randomUUID } from "node:crypto";
import type { AlertEvent } from "../../domain/alert.ts";
import { DEFAULT_CRISIS } from "../../domain/crisis.ts";
import { DEFAULT_CONVERSATION } from "../../domain/conversation.ts";
import type { EscalationPolicy, PolicyLevel } from "../../domain/escalation-policy.ts";
import type { PostmortemTemplate } from "../../domain/postmortem/template.ts";
import type { Principal } from "../../domain/principal.ts";
import { DEFAULT_TICKET_DEFAULTS, type Service } from "../../domain/service.ts";
import type { ContactKind } from "../../ports/notifier-port.ts";
import type { UserRecord } from "../../ports/oncall-repository.ts";
import type { IntakeDeps, UseCaseDeps } from "../shared/deps.ts";
import { fakeClock } from "./fake-ports.ts";
import { InMemoryStore } from "./in-memory-store.ts";

export const TENANT = "00000000-0000-4000-8000-0000000000a1";
export const OTHER_TENANT = "00000000-0000-4000-8000-0000000000b2";
export const PUBLIC_URL = "https://firewatch.example.com";

export function inMemoryWorld() {
  const clock = fakeClock();
  const store = new InMemoryStore(clock);
  const deps: UseCaseDeps = { uow: store.uow, clock };
  const intakeDeps: IntakeDeps = { intake: store.intake, clock };
  return { clock, store, deps, intakeDeps };
}

/** A person acting through the API (a responder unless told otherwise). */
export function principal(name: string, fields: Partial<Principal> = {}): Principal {
  return { userId: randomUUID(), tenantId: TENANT, name, role: "responder", ...fields };
}

export function addService(store: InMemoryStore, fields: Partial<Service> = {}): Service {
  const at = new Date("2026-01-01T00:00:00Z");
  const service: Service = {
    id: randomUUID(),
    tenantId: TENANT,
    name: "checkout",
    description: "",
    integrationKey: randomUUID().replace(/-/g, ""),
    defaultSeverity: "SEV3",
    tickets: DEFAULT_TICKET_DEFAULTS,
    escalationPolicyId: null,
    conversation: DEFAULT_CONVERSATION,
    crisis: DEFAULT_CRISIS,
    callRouting: null,
    drillSchedule: null,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
  store.data.services.set(service.id, service);
  return service;
}

/** A person who can be paged, with one notification rule per contact method, at the delay given. */
export function addUser(
  store: InMemoryStore,
  name: string,
  contacts: readonly { kind: ContactKind; address: string; delayMinutes: number }[],
  tenantId = TENANT,
): UserRecord & { contactIds: string[] } {
  const user: UserRecord = {
    id: randomUUID(),
    tenantId,
    name,
    email: `${name.toLowerCase()}@example.com`,
    role: "responder",
    timeZone: "UTC",
    active: true,
  };
  store.data.users.set(user.id, user);
  const contactIds = contacts.map(({ kind, address, delayMinutes }) => {
    const contact = { id: randomUUID(), userId: user.id, kind, address };
    store.data.contacts.push(contact);
    store.data.notificationRules.push({ id: randomUUID(), userId: user.id, contactMethodId: contact.id, delayMinutes });
    return contact.id;
  });
  return { ...user, contactIds };
}

export function addPolicy(store: InMemoryStore, levels: readonly PolicyLevel[], repeat = 0): EscalationPolicy {
  const policy: EscalationPolicy = { id: randomUUID(), tenantId: TENANT, name: "Primary", repeat, levels };
  store.data.policies.set(policy.id, policy);
  return policy;
}

/** An Events v2 trigger unless told otherwise; each event has its own id. */
export function alertEvent(fields: Partial<AlertEvent> = {}): AlertEvent {
  return {
    origin: "events-v2",
    eventId: randomUUID(),
    action: "trigger",
    dedupKey: "disk-full",
    summary: "Disk full on db-1",
    source: "Datadog",
    severity: "critical",
    occurredAt: new Date("2026-03-02T08:59:00Z"),
    details: {},
    ...fields,
  };
}

export const POSTMORTEM_TEMPLATE: PostmortemTemplate = {
  id: "default",
  name: "Incident postmortem",
  description: "",
  appliesTo: { services: [], severities: [] },
  sections: [
    { id: "summary", title: "Summary", owner: "generated", generator: "summary", required: true },
    { id: "timeline", title: "Timeline", owner: "generated", generator: "timeline", required: true },
    { id: "root-cause", title: "Root cause", owner: "people", required: true },
  ],
};
