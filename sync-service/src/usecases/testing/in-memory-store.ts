// The persistence ports in memory, for use-case tests. One store holds every table as plain data; each
// transaction works on a copy, which replaces the store only when the work returns: a use case that throws
// leaves no write and no job behind, as a rolled-back database transaction would.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Clock } from "../../domain/clock.ts";
import type { StoredTimelineEntry } from "../../domain/timeline.ts";
import type {
  AlertIntakeTransaction,
  AlertIntakeUnitOfWork,
  Transaction,
  UnitOfWork,
} from "../../ports/unit-of-work.ts";
import { emptyTables, type StoredJob, type Tables } from "./in-memory-tables.ts";
import { partialFake } from "./not-faked.ts";
import { jobsIn } from "./in-memory-jobs.ts";
import { oncallIn, pageLinksIn, postmortemsIn } from "./in-memory-oncall.ts";
import {
  alertsIn,
  inboxIn,
  incidentsIn,
  integrationsIn,
  linksIn,
  servicesIn,
  tenantsIn,
  timelineIn,
} from "./in-memory-repositories.ts";

export type { StoredJob, Tables };

export class InMemoryStore {
  private committed = emptyTables();
  /** Transactions run one at a time, as if each locked everything it touches. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inTransaction = new AsyncLocalStorage<true>();

  readonly uow: UnitOfWork = { run: (work) => this.transact((t) => work(transaction(t, this.clock))) };
  readonly intake: AlertIntakeUnitOfWork = {
    run: (work) => this.transact((t) => work(intakeTransaction(t, this.clock))),
  };

  constructor(private readonly clock: Clock) {}

  /** The committed tables. Change them only between use cases (to seed), never while one runs. */
  get data(): Tables {
    return this.committed;
  }

  /** The incident's entries in time order (ties in insertion order), as a reader of its timeline sees them. */
  timelineOf(incidentId: string): StoredTimelineEntry[] {
    return this.committed.timeline
      .filter((e) => e.incidentId === incidentId)
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || Number(a.seq - b.seq));
  }

  /** Takes every waiting job off the queue, as if the worker had run them all; returns them in enqueue order. */
  drainJobs(): StoredJob[] {
    const jobs = this.committed.jobs;
    this.committed.jobs = [];
    return jobs;
  }

  private transact<T>(work: (draft: Tables) => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) {
      return Promise.reject(
        new Error("InMemoryStore: a transaction was started inside another; the database would open a second one"),
      );
    }
    const result = this.queue.then(() =>
      this.inTransaction.run(true, async () => {
        const draft = structuredClone(this.committed);
        const value = await work(draft);
        this.committed = draft;
        return value;
      }),
    );
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function transaction(t: Tables, clock: Clock): Transaction {
  return {
    incidents: incidentsIn(t),
    alerts: alertsIn(t),
    timeline: timelineIn(t),
    services: servicesIn(t),
    tenants: tenantsIn(t),
    inbox: inboxIn(t),
    jobs: jobsIn(t, clock),
    // Transactions already run one at a time.
    locks: { lock: async () => {} },
    links: linksIn(t),
    integrations: integrationsIn(t),
    oncall: oncallIn(t),
    postmortems: postmortemsIn(t),
    rules: partialFake("tx.rules", {}),
    conversations: partialFake("tx.conversations", {}),
    statusPosts: partialFake("tx.statusPosts", {}),
    reports: partialFake("tx.reports", {}),
    pageLinks: pageLinksIn(t),
    sessions: partialFake("tx.sessions", {}),
    people: partialFake("tx.people", {}),
    teams: partialFake("tx.teams", {}),
    // No incident here has a bridge of its own (a service's, if any, is read from services).
    crisis: partialFake<Transaction["crisis"]>("tx.crisis", { bridgeOf: async () => null }),
    calls: {
      find: async (sid) => t.voiceCalls.get(sid) ?? null,
      insert: async (call) => void t.voiceCalls.set(call.callSid, call),
      update: async (call) => void t.voiceCalls.set(call.callSid, call),
    },
  };
}

function intakeTransaction(t: Tables, clock: Clock): AlertIntakeTransaction {
  const tx = transaction(t, clock);
  return {
    intake: {
      serviceByIntegrationKey: (integrationKey) => tx.services.findByIntegrationKey(integrationKey),
      async serviceWithOpenAlert(integrationKey, dedupKey) {
        const service = await tx.services.findByIntegrationKey(integrationKey);
        return service && { service, alert: await tx.alerts.findOpen(service.id, dedupKey) };
      },
    },
    incidents: tx.incidents,
    alerts: tx.alerts,
    timeline: tx.timeline,
    tenants: tx.tenants,
    inbox: tx.inbox,
    locks: tx.locks,
    jobs: tx.jobs,
    postmortems: tx.postmortems,
    chat: partialFake("tx.chat", {}),
  };
}
