// Composition of incident e-mail: the SMTP listener (adapters/email-intake), the message mapping
// (formats/email) and the intake use case. Started by server.ts when FIREWATCH_SMTP_PORT is set.
import {
  SmtpRefusal,
  startSmtpIntake,
  type EmailIntakeHandler,
  type RunningSmtpIntake,
} from "./adapters/email-intake/smtp-intake-server.ts";
import type { EmailIntakeConfig } from "./config.ts";
import { AppError } from "./domain/errors.ts";
import { INTEGRATION_KEY_PATTERN } from "./domain/service.ts";
import { readEmail } from "./formats/email/email-mapper.ts";
import type { Logger } from "./logger.ts";
import { ingestEmail, serviceOfIntegrationKey } from "./usecases/alerts/ingest-email.ts";
import type { IntakeDeps } from "./usecases/shared/deps.ts";
import { NotFoundUseCaseError } from "./usecases/shared/errors.ts";

/** The SMTP port (and FIREWATCH_SMTP_HOST or HOST) could not be listened on. */
export class SmtpListenRefusedError extends AppError {
  readonly kind = "unavailable";
}

const MALFORMED =
  "This address is not a Firewatch integration address: its local part must be a service's 32-character integration key";
const UNKNOWN = "No Firewatch service has this integration key; copy the address from the service's page";

/** The first characters of a key, for logs: enough to tell keys apart, too few to page with. */
const keyHint = (key: string) => `${key.slice(0, 4)}…`;

function handler(deps: IntakeDeps, log: Logger): EmailIntakeHandler {
  return {
    async checkRecipient(localPart) {
      const key = localPart.toLowerCase();
      if (!INTEGRATION_KEY_PATTERN.test(key)) return MALFORMED;
      try {
        await serviceOfIntegrationKey(deps, key);
        return null;
      } catch (error) {
        if (error instanceof NotFoundUseCaseError) return UNKNOWN;
        throw error;
      }
    },
    async receive({ raw, recipients, envelopeFrom }) {
      let email;
      try {
        email = await readEmail(raw, { envelopeFrom, receivedAt: deps.clock.now() });
      } catch {
        throw new SmtpRefusal(554, "The message could not be read as an Internet message (RFC 5322)");
      }
      let taken = 0;
      // One transaction per service: a retry after a failure part-way finds the done ones in the inbox.
      for (const key of new Set(recipients.map((r) => r.toLowerCase()))) {
        try {
          const outcome = await ingestEmail(deps, key, email);
          log.info({ key: keyHint(key), effect: outcome.effect, incidentId: outcome.incidentId }, "e-mail applied");
          taken++;
        } catch (error) {
          // The service was deleted between RCPT TO and the end of DATA: nothing to deliver to.
          if (!(error instanceof NotFoundUseCaseError)) throw error;
          log.warn({ key: keyHint(key) }, "e-mail to a service deleted meanwhile");
        }
      }
      if (taken === 0) throw new SmtpRefusal(550, UNKNOWN);
    },
  };
}

/** Starts the listener. @throws SmtpListenRefusedError naming the port */
export async function startEmailIntake(
  deps: IntakeDeps,
  config: EmailIntakeConfig,
  log: Logger,
): Promise<RunningSmtpIntake> {
  const where = config.host ? `FIREWATCH_SMTP_HOST/HOST ${config.host}` : "all interfaces";
  try {
    return await startSmtpIntake(handler(deps, log), {
      port: config.port,
      host: config.host,
      maxBytes: config.maxBytes,
      serverName: config.domain.replace(/^\[(IPv6:)?|\]$/g, ""),
      log,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "EADDRINUSE"
        ? "is in use: stop the program that holds it, or set FIREWATCH_SMTP_PORT to a free port"
        : code === "EACCES"
          ? "needs privileges this process lacks: set FIREWATCH_SMTP_PORT to 1024 or above (and forward port 25 to it)"
          : `cannot be listened on: ${(error as Error).message}`;
    throw new SmtpListenRefusedError("SERVER.SMTP_LISTEN_FAILED", `SMTP port ${config.port} on ${where} ${why}`, {
      cause: error,
    });
  }
}
