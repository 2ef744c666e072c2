// Per-client brakes: a budget of failed sign-ins (401s) on every authenticated route, and a request budget
// on each public webhook route. A client is its address (`req.ip`: the socket's peer, or what trusted proxies
// say; IPv6 by /56, as express-rate-limit groups it). Counts live in this process's memory: with several
// replicas each counts on its own, so a client gets up to the budget times the replicas. A shared
// (PostgreSQL) store would put a write on every intake request, the path the benchmark measures.
import type { NextFunction, Request, RequestHandler, Response } from "express";
import {
  MemoryStore,
  rateLimit,
  type ClientRateLimitInfo,
  type Options,
  type RateLimitExceededEventHandler,
  type Store,
} from "express-rate-limit";
import type { ClientLimits } from "../../config.ts";
import { MINUTE_MS } from "../../domain/clock.ts";
import type { Logger } from "../../logger.ts";
import { RetryLaterWebError, TooManyRequestsWebError } from "../errors.ts";

/**
 * Counts failed sign-ins only. express-rate-limit counts every request and, with `skipSuccessfulRequests`,
 * takes a success back when its response finishes, so a busy client's successful requests in flight would
 * count against it. Here the middleware's per-request `increment` only reads (this request counted as the
 * next failure, so the limit reads "failures allowed"), and `recordFailure` counts.
 */
class FailedSignInStore implements Store {
  readonly localKeys = true;
  private readonly failures = new MemoryStore();
  private windowMs = MINUTE_MS;

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.failures.init(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const seen = await this.failures.get(key);
    return {
      totalHits: (seen?.totalHits ?? 0) + 1,
      resetTime: seen?.resetTime ?? new Date(Date.now() + this.windowMs),
    };
  }

  decrement(): void {}

  async resetKey(key: string): Promise<void> {
    await this.failures.resetKey(key);
  }

  async recordFailure(key: string): Promise<void> {
    await this.failures.increment(key);
  }
}

const retryAfterOf = (res: Response) => String(res.getHeader("retry-after") ?? "");

/** The public webhook routes, each with its own budget and the answer its sender acts on. */
export type WebhookSurface = "events-v2" | "alertmanager" | "jira" | "slack" | "statuspage" | "twilio" | "forge";

const OVER_BUDGET: Record<WebhookSurface, RateLimitExceededEventHandler> = {
  // PagerDuty answers 429 when events arrive too fast, and its clients retry
  // (https://developer.pagerduty.com/docs/events-api-v2-overview#response-codes--retry-logic).
  "events-v2": (_req, res) => {
    res.status(429).json({
      status: "throttle exceeded",
      message: `Events from this client are arriving too quickly; retry in ${retryAfterOf(res)} s.`,
    });
  },
  // Alertmanager retries 5xx only; any 4xx drops the notification for good
  // (https://github.com/prometheus/alertmanager/blob/main/notify/util.go, Retrier.Check).
  alertmanager: (_req, res, next) => {
    next(
      new RetryLaterWebError(
        "REQUEST.RATE_LIMITED",
        `Too many requests from this client; retry in ${retryAfterOf(res)} s.`,
      ),
    );
  },
  jira: tooMany,
  slack: tooMany,
  statuspage: tooMany,
  twilio: tooMany,
  forge: tooMany,
};

function tooMany(_req: Request, res: Response, next: NextFunction): void {
  next(
    new TooManyRequestsWebError(
      "REQUEST.RATE_LIMITED",
      `Too many requests from this client; retry in ${retryAfterOf(res)} s.`,
    ),
  );
}

export interface ClientLimiters {
  /** Before authentication: refuses a client past its failed sign-ins with 429, and counts its 401s. */
  readonly signIn: RequestHandler[];
  /** A request budget per client on one webhook route. */
  webhook(surface: WebhookSurface): RequestHandler;
}

/** The limiters of one app. Built once at start (express-rate-limit warns when built in a request). */
export function clientLimiters(limits: ClientLimits, log: Logger): ClientLimiters {
  const logger = {
    warn: (err: unknown, message?: string) => log.warn({ err }, message ?? "client limits"),
    error: (err: unknown, message?: string) =>
      log.warn({ err }, message ?? "client limits (behind a proxy? set FIREWATCH_TRUST_PROXY)"),
  };
  const common = { standardHeaders: "draft-8", legacyHeaders: false, logger } as const;

  const failures = new FailedSignInStore();
  const refuse = rateLimit({
    ...common,
    windowMs: limits.authFailures.windowMs,
    limit: limits.authFailures.limit,
    identifier: "failed-sign-ins",
    requestPropertyName: "signInLimit",
    store: failures,
    handler: (_req, res, next) => {
      next(
        new TooManyRequestsWebError(
          "AUTH.TOO_MANY_FAILURES",
          `Too many failed sign-ins from your address; try again in ${retryAfterOf(res)} s with a valid token.`,
        ),
      );
    },
  });
  const count: RequestHandler = (req, res, next) => {
    res.once("finish", () => {
      const key = (req as Request & { signInLimit?: { key: string } }).signInLimit?.key;
      // A 401, or a one-time link's token that was never issued (web/routes/page-links-router.ts): both may be guesses.
      const failed = res.statusCode === 401 || res.locals.signInFailed === true;
      if (failed && key !== undefined) void failures.recordFailure(key);
    });
    next();
  };

  return {
    signIn: [refuse, count],
    webhook: (surface) =>
      rateLimit({
        ...common,
        windowMs: MINUTE_MS,
        limit: limits.webhookRequestsPerMinute,
        identifier: surface,
        handler: OVER_BUDGET[surface],
      }),
  };
}
