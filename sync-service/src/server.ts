import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { Server } from "node:http";
import type { Express } from "express";
import path from "node:path";
import { accessRepository } from "./adapters/persistence/access-repository.ts";
import { openDatabase, type Database } from "./adapters/persistence/database.ts";
import { prismaJobStore } from "./adapters/persistence/job-store.ts";
import { sqlIntakeUnitOfWork } from "./adapters/persistence/sql-intake.ts";
import { prismaUnitOfWork } from "./adapters/persistence/unit-of-work.ts";
import { jiraTicketPorts } from "./adapters/jira/jira-ticket-ports.ts";
import { installationRepository } from "./adapters/persistence/installation-repository.ts";
import { secretBox } from "./adapters/persistence/secret-box.ts";
import { invocationVerifier } from "./adapters/forge/invocation-token.ts";
import { tasks as serviceTasks } from "./jobs/tasks.ts";
import { emailNotifier } from "./adapters/notify/email-notifier.ts";
import { compositeNotifier } from "./adapters/notify/notifier.ts";
import { webhookNotifier } from "./adapters/notify/webhook-notifier.ts";
import { outboundGuard } from "./adapters/outbound/outbound-guard.ts";
import { slackChatAdapter } from "./adapters/slack/slack-chat-adapter.ts";
import { slackNotifier } from "./adapters/slack/slack-notifier.ts";
import { statuspageAdapter } from "./adapters/statuspage/statuspage-adapter.ts";
import { twilioNotifier } from "./adapters/notify/twilio-notifier.ts";
import { loadTemplates } from "./adapters/templates/template-loader.ts";
import { createApp } from "./app.ts";
import { confluenceDocumentPorts } from "./adapters/confluence/confluence-document-ports.ts";
import { scheduleSweep } from "./usecases/postmortem/schedule-sweep.ts";
import { schedulePersonalDataReport } from "./usecases/access/schedule-personal-data-report.ts";
import { personalDataClient } from "./adapters/forge/personal-data-client.ts";
import { EnabledRulesCache } from "./usecases/paging/evaluate-issue-event.ts";
import { ConfigError, type Config } from "./config.ts";
import type { Clock } from "./domain/clock.ts";
import { DEFAULT_WORKER_OPTIONS, Worker, type WorkerOptions } from "./jobs/worker.ts";
import { createLogger, type DestinationStream, type Logger } from "./logger.ts";
import type { TaskRegistry } from "./ports/jobs.ts";
import { listen } from "./web/listen.ts";
import { hashToken } from "./web/middleware/authenticate.ts";

export const systemClock: Clock = { now: () => new Date() };

export interface RunningService {
  readonly server: Server;
  /** The express application (its routes are walked by the tenant-isolation test). */
  readonly app: Express;
  readonly database: Database;
  readonly worker: Worker;
  readonly url: string;
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
}

export async function startService(config: Config, options: ServiceOptions = {}): Promise<RunningService> {
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

  const jobStore = prismaJobStore(database.prisma);
  const nudge = { jobsEnqueued: () => worker.nudge() };
  const uow = prismaUnitOfWork(database.prisma, nudge);
  const intake = sqlIntakeUnitOfWork(database, nudge);
  const installations = installationRepository(database.prisma, appTokenBox);
  const tickets = jiraTicketPorts(config.jira, installations);
  const env = config.env;
  const outbound = outboundGuard(config.outboundAllow);
  const notifier = compositeNotifier({
    email: emailNotifier(env.SMTP_URL ? { smtpUrl: env.SMTP_URL, from: env.FIREWATCH_EMAIL_FROM } : null),
    slack: slackNotifier(env.SLACK_BOT_TOKEN ? { token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL } : null),
    webhook: webhookNotifier({ secret: env.FIREWATCH_PAGE_WEBHOOK_SECRET ?? null, outbound }),
    ...twilioChannels(env, `${config.publicUrl}/webhooks/twilio/status`),
  });
  const chat = slackChatAdapter(env.SLACK_BOT_TOKEN ? { token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL } : null);
  const statusPage = statuspageAdapter(
    env.STATUSPAGE_API_KEY && env.STATUSPAGE_PAGE_ID
      ? { apiKey: env.STATUSPAGE_API_KEY, pageId: env.STATUSPAGE_PAGE_ID, apiUrl: env.STATUSPAGE_API_URL }
      : null,
  );
  const documents = confluenceDocumentPorts(config.confluence, installations);
  const ticketDeps = {
    uow,
    intake,
    clock: systemClock,
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
    systemClock,
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
    twilio: { authToken: env.TWILIO_AUTH_TOKEN ?? null },
    templates,
    documents,
    actionItemSla: config.actionItemSla,
    intake,
    tickets,
    clock: systemClock,
    access,
    jobStore,
    log,
    publicUrl: config.publicUrl,
    outbound,
    nudgeWorker: () => worker.nudge(),
    limits: config.limits,
    ping: async () => {
      await database.prisma.$queryRaw`SELECT 1`;
    },
  });
  let listening: { server: Server; url: string };
  try {
    listening = await listen(app, config.port, config.host);
  } catch (error) {
    await database.close();
    throw error;
  }
  const { server, url } = listening;
  worker.start();
  // The action-item reconciler reschedules itself; this starts it (a waiting sweep is kept, not doubled).
  await scheduleSweep(ticketDeps, new Date());
  // Atlassian's personal data reporting, for the Forge sites' accounts (a standalone tenant has none).
  if (config.forge) await schedulePersonalDataReport(ticketDeps, new Date());
  log.info({ host: config.host ?? "all interfaces", url }, "Firewatch is listening");

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await worker.drain();
      await database.close();
      log.info("stopped");
    })());
  return { server, app, database, worker, url, stop };
}

/**
 * FIREWATCH_ADMIN_TOKEN makes that token an admin's. Without it, the first start makes a token and
 * writes it to `<data dir>/admin-token` (mode 0600) so a fresh `npm start` can be used at once.
 */
async function bootstrapAdmin(
  config: Config,
  access: ReturnType<typeof accessRepository>,
  tenantId: string,
  log: Logger,
) {
  if (config.adminToken) {
    await access.ensureAdminToken(tenantId, hashToken(config.adminToken), "FIREWATCH_ADMIN_TOKEN");
    return;
  }
  if (await access.hasTokens(tenantId)) return;
  const token = `fw_${randomBytes(24).toString("base64url")}`;
  const file = path.join(config.dataDir, "admin-token");
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  await access.ensureAdminToken(tenantId, hashToken(token), "generated at first start");
  log.warn({ file }, "no FIREWATCH_ADMIN_TOKEN set: generated an admin API token and wrote it to this file");
}

/**
 * The key app tokens are sealed with: FIREWATCH_ENCRYPTION_KEY; else, for PGlite in a data dir, one made at
 * first start and kept beside the database in `<data dir>/encryption-key` (mode 0600), like admin-token;
 * for an in-memory database a fresh one (the tokens die with it). With DATABASE_URL the key must be
 * configured when Forge is: a key kept on one host would make the tokens unreadable to every other.
 * @throws ConfigError for DATABASE_URL + FORGE_APP_ID without FIREWATCH_ENCRYPTION_KEY
 */
function encryptionKey(config: Config, log: Logger): Buffer {
  if (config.encryptionKey) return config.encryptionKey;
  if (config.database.kind === "postgres") {
    if (config.forge)
      throw new ConfigError(
        "invalid configuration: FIREWATCH_ENCRYPTION_KEY is required with DATABASE_URL when FORGE_APP_ID is set (32 random bytes in base64: openssl rand -base64 32)",
      );
    return randomBytes(32); // no Forge, no app tokens to seal
  }
  if (!config.database.dataDir) return randomBytes(32);
  const file = path.join(config.dataDir, "encryption-key");
  const existing = fs.existsSync(file) ? Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64") : null;
  if (existing?.length === 32) return existing;
  if (existing)
    throw new ConfigError(
      `invalid configuration: ${file} does not hold a 32-byte base64 key; restore it, or delete it and the stored app tokens are fetched again from Forge`,
    );
  const key = randomBytes(32);
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600 });
  log.warn(
    { file },
    "no FIREWATCH_ENCRYPTION_KEY set: generated the key app tokens are encrypted with and wrote it to this file",
  );
  return key;
}

/** SMS and voice pages through Twilio, when its account, token and sending number are all set. */
function twilioChannels(env: Config["env"], statusCallbackUrl: string) {
  const twilio = twilioNotifier(
    env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
      ? {
          accountSid: env.TWILIO_ACCOUNT_SID,
          authToken: env.TWILIO_AUTH_TOKEN,
          from: env.TWILIO_FROM,
          apiUrl: env.TWILIO_API_URL,
          statusCallbackUrl,
        }
      : null,
  );
  return { sms: twilio, voice: twilio };
}
