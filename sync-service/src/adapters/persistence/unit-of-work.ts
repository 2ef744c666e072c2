import type { Clock } from "../../domain/clock.ts";
import type { Transaction, UnitOfWork } from "../../ports/unit-of-work.ts";
import { conversationRepository } from "./conversation-repository.ts";
import { statusPostRepository } from "./status-post-repository.ts";
import { postmortemRepository } from "./postmortem-repository.ts";
import { reportRepository } from "./report-repository.ts";
import { alertRepository } from "./alert-repository.ts";
import type { Prisma, PrismaClient } from "./generated/client.ts";
import { incidentRepository } from "./incident-repository.ts";
import { integrationStatusRepository, linkedIssueRepository } from "./link-repositories.ts";
import { escalationRuleRepository } from "./rule-repository.ts";
import { onCallRepository } from "./oncall-repository.ts";
import { pageLinkRepository } from "./page-link-repository.ts";
import { sessionRepository } from "./session-repository.ts";
import { peopleRepository } from "./people-repository.ts";
import { teamRepository } from "./team-repository.ts";
import { crisisRepository } from "./crisis-repository.ts";
import { voiceCallRepository } from "./voice-call-repository.ts";
import { transactionalJobs } from "./job-store.ts";
import { serviceRepository } from "./service-repository.ts";
import { advisoryLocks, inboxRepository, tenantRepository } from "./small-repositories.ts";
import { timelineRepository } from "./timeline-repository.ts";

// Interactive transactions queue for a connection (or, on PGlite, for the single connection); under a
// burst that wait can exceed Prisma's 2 s default, which would turn load into errors.
const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 };
const MAX_ATTEMPTS = 3;

function bind(db: Prisma.TransactionClient, onEnqueue: () => void, clock?: Clock): Transaction {
  return {
    incidents: incidentRepository(db),
    alerts: alertRepository(db),
    timeline: timelineRepository(db),
    services: serviceRepository(db),
    tenants: tenantRepository(db),
    inbox: inboxRepository(db),
    jobs: transactionalJobs(db, onEnqueue, clock),
    locks: advisoryLocks(db),
    links: linkedIssueRepository(db),
    integrations: integrationStatusRepository(db),
    rules: escalationRuleRepository(db),
    oncall: onCallRepository(db),
    people: peopleRepository(db),
    teams: teamRepository(db),
    crisis: crisisRepository(db),
    calls: voiceCallRepository(db),
    conversations: conversationRepository(db),
    statusPosts: statusPostRepository(db),
    postmortems: postmortemRepository(db),
    reports: reportRepository(db),
    pageLinks: pageLinkRepository(db),
    sessions: sessionRepository(db),
  };
}

/** P2034: the transaction hit a deadlock or write conflict and was rolled back; running it again is safe. */
function isRetryable(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2034";
}

/**
 * Runs use-case work in Prisma interactive transactions; `afterCommit` hears when jobs were enqueued, which
 * are due at `clock`'s now unless they say otherwise (the worker's clock; the host's by default).
 */
export function prismaUnitOfWork(
  prisma: PrismaClient,
  afterCommit: { jobsEnqueued(): void },
  clock?: Clock,
): UnitOfWork {
  return {
    async run(work) {
      for (let attempt = 1; ; attempt++) {
        let enqueued = false;
        try {
          const result = await prisma.$transaction((db) => work(bind(db, () => (enqueued = true), clock)), TX_OPTIONS);
          if (enqueued) afterCommit.jobsEnqueued();
          return result;
        } catch (error) {
          if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        }
      }
    },
  };
}
