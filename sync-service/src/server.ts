import type { Server } from "node:http";
import type { Express } from "express";
import { accessRepository } from "./adapters/persistence/access-repository.ts";
import { openDatabase, type Database } from "./adapters/persistence/database.ts";
import { prismaJobStore } from "./adapters/persistence/job-store.ts";
import { sqlIntakeUnitOfWork } from "./adapters/persistence/sql-intake.ts";
import { prismaUnitOfWork } from "./adapters/persistence/unit-of-work.ts";
import { installationRepository } from "./adapters/persistence/installation-repository.ts";
import { secretBox } from "./adapters/persistence/secret-box.ts";
import { invocationVerifier } from "./adapters/forge/invocation-token.ts";
import { tasks as serviceTasks } from "./jobs/tasks.ts";
import { loadTemplates } from "./adapters/templates/template-loader.ts";
import { createApp } from "./app.ts";
import { startEmailIntake } from "./email-intake.ts";
import { scheduleSweep } from "./usecases/postmortem/schedule-sweep.ts";
import { schedulePersonalDataReport } from "./usecases/access/schedule-personal-data-report.ts";
import { personalDataClient } from "./adapters/forge/personal-data-client.ts";
import { EnabledRulesCache } from "./usecases/paging/evaluate-issue-event.ts";
import { PAGING_TASKS } from "./usecases/paging/paging-deps.ts";
import type { Config } from "./config.ts";
import { bootstrapAdmin, encryptionKey } from "./first-start-secrets.ts";
import { integrationPorts } from "./integration-ports.ts";
import type { Clock } from "./domain/clock.ts";
import { DEFAULT_WORKER_OPTIONS, Worker, type WorkerOptions } from "./jobs/worker.ts";
import { createLogger, type DestinationStream, type Logger } from "./logger.ts";
import type { TaskRegistry } from "./ports/jobs.ts";
import { listen } from "./web/listen.ts";
import type { ExtraMount, SandboxInfo } from "./web/context.ts";

export const systemClock: Clock = { now: () => new Date() };

export interface RunningService {
  readonly server: Server;
  /** The express application (its routes are walked by the tenant-isolation test). */
  readonly app: Express;
  readonly database: Database;
  readonly worker: Worker;
  readonly url: string;
  /** Where incident e-mail is taken (FIREWATCH_SMTP_PORT); null when it is not. */
  readonly smtp: { readonly host: string; readonly port: number } | null;
  /** Stops taking requests, lets the worker drain, then closes the database. */
  stop(): Promise<void>;
}

/** Composition root: opens and migrates the database, starts the worker and the HTTP server. */
export interface ServiceOptions {
  readonly log?: Logger;
  /** Where the service's own logger writes (stdout by default); tests read the lines. */
  readonly logDestination?: DestinationStream;
  /** Extra tasks (tests). */
  readonly tasks?: TaskRegistry;
  readonly worker?: Partial<WorkerOptions>;
  /** The time the service runs on (tests move it forward); the system's otherwise. */
  readonly clock?: Clock;
  /** Request handlers served ahead of the service's own routes (`npm run demo`'s stand-ins). */
  readonly mounts?: readonly ExtraMount[];
  /** Marks the service a sandbox: the console shows a banner linking to these. */
  readonly sandbox?: SandboxInfo;
}

export async function startService(config: Config, options: ServiceOptions = {}): Promise<RunningService> {
  const clock = options.clock ?? systemClock;
  const log =
    options.log ?? createLogger(config.logLevel, { secrets: config.secrets, destination: options.logDestination });
  // Before the database: a broken template is a configuration error, found at once.
  const templates = loadTemplates();
  const appTokenBox = secretBox(encryptionKey(config, log));
  const database = await openDatabase(config.database);
  log.info({ database: database.kind }, "database ready");
  const access = accessRepository(database.prisma);
  const tenantId = await access.ensureDefaultTenant();
  await bootstrapAdmin(config, access, tenantId, log);

  const jobStore = prismaJobStore(database.prisma, PAGING_TASKS);
  const nudge = { jobsEnqueued: () => worker.nudge() };
  const uow = prismaUnitOfWork(database.prisma, nudge, clock);
  const intake = sqlIntakeUnitOfWork(database, nudge, clock);
  const installations = installationRepository(database.prisma, appTokenBox);
  const { tickets, outbound, notifier, chat, statusPage, documents } = integrationPorts(config, installations);
  const env = config.env;
  const ticketDeps = {
    uow,
    intake,
    clock,
    tickets,
    notifier,
    chat,
    statusPage,
    documents,
    templates,
    actionItemSla: config.actionItemSla,
    sweepIntervalMs: config.env.FIREWATCH_ACTION_ITEM_SWEEP_MS,
    publicUrl: config.publicUrl,
    jqlTimeZone: config.jqlTimeZone,
    enabledRules: new EnabledRulesCache(),
    installations,
    uninstalledRetentionMs: config.uninstalledRetentionMs,
    personalData: personalDataClient(installations),
  };
  const worker = new Worker(
    jobStore,
    { ...serviceTasks(ticketDeps), ...options.tasks },
    clock,
    log.child({ component: "worker" }),
    {
      ...DEFAULT_WORKER_OPTIONS,
      leaseMs: config.jobLeaseMs,
      ...options.worker,
      concurrency: config.workerConcurrency,
    },
  );
  const app = createApp({
    uow,
    jira: { baseUrl: config.jira?.baseUrl ?? null, webhookSecret: config.env.JIRA_WEBHOOK_SECRET ?? null },
    installations,
    forge: config.forge ? invocationVerifier(config.forge) : null,
    uninstalledRetentionMs: config.uninstalledRetentionMs,
    slack: { botConfigured: chat.configured, signingSecret: env.SLACK_SIGNING_SECRET ?? null },
    statusPage: { apiConfigured: statusPage.configured, webhookToken: env.STATUSPAGE_WEBHOOK_TOKEN ?? null },
    twilio: {
      authToken: env.TWILIO_AUTH_TOKEN ?? null,
      configured: Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM),
    },
    email: { configured: Boolean(env.SMTP_URL) },
    emailIntake: config.emailIntake && { domain: config.emailIntake.domain },
    templates,
    documents,
    actionItemSla: config.actionItemSla,
    intake,
    tickets,
    clock,
    access,
    jobStore,
    log,
    publicUrl: config.publicUrl,
    outbound,
    notifier,
    nudgeWorker: () => worker.nudge(),
    limits: config.limits,
    ping: async () => {
      await database.prisma.$queryRaw`SELECT 1`;
    },
    mounts: options.mounts,
    sandbox: options.sandbox,
  });
  let listening: { server: Server; url: string };
  try {
    listening = await listen(app, config.port, config.host);
  } catch (error) {
    await database.close();
    throw error;
  }
  const { server, url } = listening;
  const smtp = config.emailIntake
    ? await startEmailIntake({ intake, clock }, config.emailIntake, log.child({ component: "email-intake" })).catch(
        async (error: unknown) => {
          server.close();
          await database.close();
          throw error;
        },
      )
    : null;
  worker.start();
  // The action-item reconciler reschedules itself; this starts it (a waiting sweep is kept, not doubled).
  await scheduleSweep(ticketDeps, new Date());
  // Atlassian's personal data reporting, for the Forge sites' accounts (a standalone tenant has none).
  if (config.forge) await schedulePersonalDataReport(ticketDeps, new Date());
  log.info({ host: config.host ?? "all interfaces", url, smtpPort: smtp?.port }, "Firewatch is listening");

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // Mail first: a message being stored finishes before the database closes.
      await smtp?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await worker.drain();
      await database.close();
      log.info("stopped");
    })());
  return { server, app, database, worker, url, smtp: smtp && { host: smtp.host, port: smtp.port }, stop };
}
