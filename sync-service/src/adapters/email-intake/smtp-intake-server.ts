// The SMTP listener of incident e-mail (smtp-server, https://nodemailer.com/extras/smtp-server/). It speaks SMTP
// and nothing else: whether a recipient exists and what a message does are the handler's (email-intake.ts wires
// it to the intake use case). The 250 after DATA is sent only once the handler's work has committed, so a crash
// before it leaves the message with the sender's MTA, which retries (RFC 5321, 4.5.4.1).
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError } from "smtp-server";
import { errorForLog, type Logger } from "../../logger.ts";

/** A permanent or temporary refusal the handler chose, with its SMTP reply code (550, 554, 451…). */
export class SmtpRefusal extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
    this.name = "SmtpRefusal";
  }
}

export interface ReceivedMessage {
  readonly raw: Buffer;
  /** The local parts of the accepted RCPT TO addresses, as checkRecipient saw them. */
  readonly recipients: readonly string[];
  /** MAIL FROM; null for the null sender (`<>`, bounces). */
  readonly envelopeFrom: string | null;
}

export interface EmailIntakeHandler {
  /** null accepts mail to this local part; a string refuses it (550 5.1.1) and says why. Throws when it cannot tell (451). */
  checkRecipient(localPart: string): Promise<string | null>;
  /** Resolves once the message's effects are committed; throws SmtpRefusal to refuse it, anything else is 451. */
  receive(message: ReceivedMessage): Promise<void>;
}

export interface SmtpIntakeOptions {
  readonly port: number;
  /** null: every interface. */
  readonly host: string | null;
  /** Advertised as SIZE; a larger message is refused with 552 5.3.4. */
  readonly maxBytes: number;
  /** The name in the greeting. */
  readonly serverName: string;
  readonly log: Logger;
}

export interface RunningSmtpIntake {
  readonly port: number;
  readonly host: string;
  /** Stops taking connections; a message being processed may finish for a few seconds. */
  stop(): Promise<void>;
}

/** Recipients per message: each is a transaction of its own, and a real alert goes to one or two services. */
export const MAX_RECIPIENTS = 20;
/** Connections at once: each may hold a message of up to maxBytes in memory. */
const MAX_CLIENTS = 32;

/** `key@host` → `key` (the part before the last `@`). */
function localPartOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? address : address.slice(0, at);
}

const refusal = (code: number, message: string): SMTPServerError =>
  Object.assign(new Error(message), { responseCode: code });

/** Reads the DATA stream; beyond maxBytes it keeps draining (the client sends it all) but keeps nothing. */
function readMessage(stream: SMTPServerDataStream): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once("error", reject);
    stream.once("end", () => resolve(stream.sizeExceeded ? null : Buffer.concat(chunks)));
  });
}

/** Starts listening. @throws the listen error (port in use, no such interface) */
export async function startSmtpIntake(
  handler: EmailIntakeHandler,
  options: SmtpIntakeOptions,
): Promise<RunningSmtpIntake> {
  const { log } = options;
  const server = new SMTPServer({
    name: options.serverName,
    banner: "Firewatch incident e-mail",
    size: options.maxBytes,
    rejectOversized: true,
    maxRecipients: MAX_RECIPIENTS,
    maxClients: MAX_CLIENTS,
    // The address is the secret, as in PagerDuty's e-mail integrations: no AUTH. No STARTTLS either (docs/alerts.md).
    disabledCommands: ["AUTH", "STARTTLS"],
    authOptional: true,
    hideENHANCEDSTATUSCODES: false,
    disableReverseLookup: true,
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      handler.checkRecipient(localPartOf(address.address)).then(
        (refused) => callback(refused === null ? undefined : refusal(550, refused)),
        (error: unknown) => {
          log.error({ err: errorForLog(error) }, "e-mail intake could not check a recipient");
          callback(refusal(451, "Temporary failure looking up the recipient; try again later"));
        },
      );
    },
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => localPartOf(r.address));
      const from = session.envelope.mailFrom;
      readMessage(stream)
        .then(async (raw) => {
          if (!raw) return callback(refusal(552, `Message exceeds the limit of ${options.maxBytes} bytes`));
          await handler.receive({ raw, recipients, envelopeFrom: from && from.address ? from.address : null });
          log.info({ bytes: raw.length, recipients: recipients.length }, "e-mail taken");
          callback(null, "Message taken by Firewatch");
        })
        .catch((error: unknown) => {
          if (error instanceof SmtpRefusal) return callback(refusal(error.responseCode, error.message));
          log.error({ err: errorForLog(error) }, "e-mail intake failed; the sender will retry");
          callback(refusal(451, "Temporary failure storing the message; try again later"));
        });
    },
  });
  // Connection-level errors (a client hanging up mid-command) arrive here; without a listener they would crash.
  const onError = (error: Error) => log.warn({ err: errorForLog(error) }, "e-mail intake connection error");
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? undefined, () => {
      server.off("error", reject);
      server.on("error", onError);
      resolve();
    });
  });
  const { port, address } = server.server.address() as AddressInfo;
  return {
    port,
    host: address,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
