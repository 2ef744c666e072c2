import net, { type AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { IntegrationError } from "../../ports/integration-errors.ts";
import type { ContactMethod, PageMessage, ReminderMessage } from "../../ports/notifier-port.ts";
import { emailNotifier } from "./email-notifier.ts";

const REJECTED = { name: "IntegrationError", integration: "email", kind: "rejected" };
const NOT_CONFIGURED = { name: "IntegrationError", integration: "email", kind: "not_configured" };

const contact: ContactMethod = { id: "cm_1", userId: "u_1", kind: "email", address: "ana@example.com" };
const message: PageMessage = {
  pageId: "page_7",
  incidentId: "inc_42",
  incidentKey: "INC-42",
  title: "Checkout errors > 2% & rising",
  severity: "SEV1",
  status: "triggered",
  url: "https://firewatch.example.com/incidents/inc_42",
  level: 1,
  recipientName: "Ana Lima",
  mayHaveBeenSent: false,
  actionUrls: null,
  signInUrl: null,
};
const reminder: ReminderMessage = {
  reminderId: "item_1:2026-11-22",
  incidentKey: "INC-42",
  incidentTitle: "Checkout errors > 2% & rising",
  itemTitle: "Add disk alerts <now>",
  issueKey: "CI-12",
  issueUrl: "https://jira.example.com/browse/CI-12",
  dueDate: "2026-11-20",
  daysOverdue: 2,
  recipientName: "Ana Lima",
  url: "https://firewatch.example.com/incidents/INC-42",
};
const from = "Firewatch <pages@firewatch.example.com>";

interface Received {
  readonly mailFrom: string;
  readonly rcptTo: string[];
  readonly raw: string;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A real SMTP listener on 127.0.0.1; `options` override its handlers. */
async function startSmtp(options: SMTPServerOptions = {}): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const { mailFrom, rcptTo } = session.envelope;
        received.push({
          mailFrom: mailFrom ? mailFrom.address : "",
          rcptTo: rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, received };
}

function refuseRecipients(responseCode: number, text: string): SMTPServerOptions {
  return {
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error(text), { responseCode }));
    },
  };
}

/** Header fields (unfolded) and the decoded text of every quoted-printable or 7bit part. */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw
    .slice(split + 4)
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { headers, body };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("send should have failed"),
    (error: unknown) => error,
  );
}

describe("emailNotifier", () => {
  it("mails the page with the incident link, severity, status, level and how to acknowledge", async () => {
    const smtp = await startSmtp();
    const delivery = await emailNotifier({ smtpUrl: smtp.url, from }).send(contact, message);

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.mailFrom).toBe("pages@firewatch.example.com");
    expect(mail?.rcptTo).toEqual(["ana@example.com"]);
    const { headers, body } = parseMessage(mail!.raw);
    expect(headers.get("from")).toBe(from);
    expect(headers.get("to")).toBe("Ana Lima <ana@example.com>");
    expect(headers.get("subject")).toBe("[SEV1] INC-42 triggered: Checkout errors > 2% & rising");
    expect(headers.get("x-firewatch-page-id")).toBe("page_7");
    expect(headers.get("message-id")).toBe(delivery.providerId);
    expect(delivery.providerId).toMatch(/^<.+@.+>$/);
    expect(body).toContain("Incident: https://firewatch.example.com/incidents/inc_42");
    expect(body).toContain("Severity: SEV1");
    expect(body).toContain("Status: triggered");
    expect(body).toContain("Escalation level: 1");
    expect(body).toContain("To acknowledge, open https://firewatch.example.com/incidents/inc_42");
    expect(body).toContain('<a href="https://firewatch.example.com/incidents/inc_42">');
    expect(body).toContain("Checkout errors &gt; 2% &amp; rising");
  });

  it("rejects the contact method when the server refuses the mailbox with 550", async () => {
    const smtp = await startSmtp(refuseRecipients(550, "5.1.1 Mailbox unavailable"));
    const error = await failureOf(emailNotifier({ smtpUrl: smtp.url, from }).send(contact, message));
    expect(error).toMatchObject(REJECTED);
    expect((error as Error).message).toMatch(/\(550\).*Mailbox unavailable/);
    expect(smtp.received).toHaveLength(0);
  });

  it("leaves a 451 deferral transient so the page job retries", async () => {
    const smtp = await startSmtp(refuseRecipients(451, "4.3.0 Try again later"));
    const error = await failureOf(emailNotifier({ smtpUrl: smtp.url, from }).send(contact, message));
    expect(error).not.toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ responseCode: 451 });
  });

  it("gives up on a server that never greets after the timeout, as a transient error", async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    closers.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const smtpUrl = `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`;

    const error = await failureOf(emailNotifier({ smtpUrl, from, timeoutMs: 200 }).send(contact, message));
    expect(error).not.toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ code: "ETIMEDOUT" });
  }, 5_000); // nodemailer's own default would wait 30 s for the greeting

  it("rejects an address that is not an e-mail address without connecting", async () => {
    const smtp = await startSmtp();
    const error = await failureOf(
      emailNotifier({ smtpUrl: smtp.url, from }).send({ ...contact, address: "ana at example" }, message),
    );
    expect(error).toMatchObject(REJECTED);
    expect(smtp.received).toHaveLength(0);
  });

  it("reports e-mail as not configured without SMTP settings", async () => {
    await expect(emailNotifier(null).send(contact, message)).rejects.toMatchObject(NOT_CONFIGURED);
  });

  describe("remind", () => {
    it("mails the owner the overdue item, its issue and the incident", async () => {
      const smtp = await startSmtp();
      const delivery = await emailNotifier({ smtpUrl: smtp.url, from }).remind(contact, reminder);

      expect(smtp.received.map((m) => m.rcptTo)).toEqual([["ana@example.com"]]);
      const { headers, body } = parseMessage(smtp.received[0]!.raw);
      expect(headers.get("to")).toBe("Ana Lima <ana@example.com>");
      expect(headers.get("subject")).toBe("Overdue action item CI-12: Add disk alerts <now>");
      expect(headers.get("x-firewatch-reminder-id")).toBe("item_1:2026-11-22");
      expect(headers.get("auto-submitted")).toBe("auto-generated");
      expect(headers.get("message-id")).toBe(delivery.providerId);
      expect(body).toContain(
        "Ana Lima, your action item CI-12: Add disk alerts <now> is 2 days overdue (due 2026-11-20).",
      );
      expect(body).toContain("Issue: https://jira.example.com/browse/CI-12");
      expect(body).toContain("Incident: https://firewatch.example.com/incidents/INC-42");
      expect(body).toContain('<a href="https://jira.example.com/browse/CI-12">CI-12: Add disk alerts &lt;now&gt;</a>');
      expect(body).toContain("Checkout errors &gt; 2% &amp; rising");
    });

    it("rejects on a 550, stays transient on a 451, and reports e-mail as not configured without SMTP settings", async () => {
      const refusing = await startSmtp(refuseRecipients(550, "5.1.1 Mailbox unavailable"));
      expect(await failureOf(emailNotifier({ smtpUrl: refusing.url, from }).remind(contact, reminder))).toMatchObject(
        REJECTED,
      );
      const deferring = await startSmtp(refuseRecipients(451, "4.3.0 Try again later"));
      const deferred = await failureOf(emailNotifier({ smtpUrl: deferring.url, from }).remind(contact, reminder));
      expect(deferred).not.toBeInstanceOf(IntegrationError);
      expect(deferred).toMatchObject({ responseCode: 451 });
      await expect(emailNotifier(null).remind(contact, reminder)).rejects.toMatchObject(NOT_CONFIGURED);
    });
  });
});
