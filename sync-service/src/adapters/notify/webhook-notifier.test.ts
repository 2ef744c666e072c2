import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTHING_ALLOWED, parseAllowList } from "../../domain/outbound-policy.ts";
import { IntegrationError } from "../../ports/integration-errors.ts";
import type { ContactMethod, PageMessage, ReminderMessage } from "../../ports/notifier-port.ts";
import { outboundGuard } from "../outbound/outbound-guard.ts";
import { retryAfterMs, webhookNotifier, type WebhookSettings } from "./webhook-notifier.ts";

const REJECTED = { name: "IntegrationError", integration: "webhook", kind: "rejected" };

const secret = "whsec_test";
// The receiver stands in on loopback, which the outbound policy refuses unless allowed.
const outbound = outboundGuard(parseAllowList("127.0.0.1").list);
const notifier = (settings: Omit<WebhookSettings, "outbound"> & Partial<WebhookSettings>) =>
  webhookNotifier({ outbound, ...settings });
const message: PageMessage = {
  pageId: "page_7",
  incidentId: "inc_42",
  incidentKey: "INC-42",
  title: "Checkout errors > 2%",
  severity: "SEV1",
  status: "triggered",
  url: "https://firewatch.example.com/incidents/inc_42",
  level: 2,
  recipientName: "Ana Lima",
  mayHaveBeenSent: false,
  actionUrls: null,
  signInUrl: null,
};

interface Delivered {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const delivered: Delivered[] = [];
let server: Server;
let base: string;

/** What the receiver answers, by path; /hang never answers. */
const answers: Record<string, { status: number; headers?: Record<string, string>; body?: string }> = {
  "/ok": { status: 204 },
  "/gone": { status: 410, body: "hook deleted: ami-secret-7f3a" },
  "/limited": { status: 429, headers: { "Retry-After": "5" } },
  "/limited-no-header": { status: 429 },
  "/down": { status: 503, body: "maintenance: ami-secret-7f3a" },
  "/moved": { status: 302, headers: { Location: "/ok" } },
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      delivered.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answers[request.url ?? ""];
      if (!answer) return; // /hang
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function contactAt(address: string): ContactMethod {
  return { id: "cm_9", userId: "u_1", kind: "webhook", address };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("send should have failed"),
    (error: unknown) => error,
  );
}

describe("webhookNotifier", () => {
  it("rejects reminders of overdue action items without a request, so the next contact method is tried", async () => {
    delivered.length = 0;
    const reminder: ReminderMessage = {
      reminderId: "item_1:2026-11-22",
      incidentKey: "INC-42",
      incidentTitle: "Checkout errors",
      itemTitle: "Add disk alerts",
      issueKey: "CI-12",
      issueUrl: null,
      dueDate: "2026-11-20",
      daysOverdue: 2,
      recipientName: "Ana Lima",
      url: "https://firewatch.example.com/incidents/INC-42",
    };
    const error = await failureOf(notifier({ secret }).remind(contactAt(`${base}/ok`), reminder));
    expect(error).toMatchObject(REJECTED);
    expect((error as Error).message).toContain("reminders and status updates go by Slack or e-mail");
    expect(delivered).toEqual([]);
  });

  it("POSTs the page as signed JSON with the page id for dedupe, never the person's one-time links", async () => {
    delivered.length = 0;
    const linked = {
      ...message,
      actionUrls: { acknowledge: "https://fw.example/act/a", resolve: "https://fw.example/act/r" },
      signInUrl: "https://fw.example/signin/s",
    };
    const delivery = await notifier({ secret }).send(contactAt(`${base}/ok`), linked);

    expect(delivery).toEqual({ providerId: null });
    expect(delivered).toHaveLength(1);
    const [request] = delivered;
    const expected = `sha256=${createHmac("sha256", secret).update(request!.body).digest("hex")}`;
    expect(request?.headers["x-firewatch-signature"]).toBe(expected);
    expect(request?.headers["x-firewatch-page-id"]).toBe("page_7");
    expect(request?.headers["content-type"]).toBe("application/json");
    const { mayHaveBeenSent: _internal, actionUrls: _a, signInUrl: _s, ...fields } = message;
    expect(JSON.parse(request!.body)).toStrictEqual({ type: "firewatch.page", page: fields });
    expect(request!.body).not.toContain("fw.example");
  });

  it("sends no signature header without a secret", async () => {
    delivered.length = 0;
    await notifier({ secret: null }).send(contactAt(`${base}/ok`), message);
    expect(delivered[0]?.headers).not.toHaveProperty("x-firewatch-signature");
    expect(delivered[0]?.headers["x-firewatch-page-id"]).toBe("page_7");
  });

  it.each([
    ["410 Gone", "/gone"],
    ["a redirect, which is not followed", "/moved"],
  ])("rejects the contact method on %s", async (_, path) => {
    delivered.length = 0;
    const error = await failureOf(notifier({ secret }).send(contactAt(`${base}${path}`), message));
    expect(error).toMatchObject(REJECTED);
    expect(delivered).toHaveLength(1);
  });

  it.each([
    ["/gone", `answered 410 Gone`],
    ["/down", `answered 503 Service Unavailable`],
  ])("tells only the status line of a failed answer from %s, nothing of its body", async (path, said) => {
    const error = (await failureOf(notifier({ secret }).send(contactAt(`${base}${path}`), message))) as Error;
    expect(error.message).toBe(`webhook ${base} (contact cm_9) ${said}`);
    expect(error.message).not.toContain("ami-secret");
  });

  it("refuses a destination the outbound policy does not allow, without connecting, as a rejection of the contact", async () => {
    delivered.length = 0;
    const error = (await failureOf(
      notifier({ secret, outbound: outboundGuard(NOTHING_ALLOWED) }).send(contactAt(`${base}/ok`), message),
    )) as Error;
    expect(error).toMatchObject(REJECTED);
    expect(error.message).toBe(
      `webhook ${base} (contact cm_9) refused: 127.0.0.1 is a loopback address, not a public one`,
    );
    expect(delivered).toEqual([]);
  });

  it("checks what the name resolves to now, at every send: a name that moved to a private address is refused", async () => {
    delivered.length = 0;
    const answers = [[{ address: "93.184.215.14", family: 4 }], [{ address: "127.0.0.1", family: 4 }]];
    const resolve = async () => answers.shift()!;
    const port = new URL(base).port;
    await outboundGuard(NOTHING_ALLOWED, resolve).vet(new URL(`http://hooks.example.test:${port}/ok`)); // as at save time
    const error = (await failureOf(
      notifier({ secret, outbound: outboundGuard(NOTHING_ALLOWED, resolve) }).send(
        contactAt(`http://hooks.example.test:${port}/ok`),
        message,
      ),
    )) as Error;
    expect(error).toMatchObject(REJECTED);
    expect(error.message).toContain("refused: hooks.example.test resolves to a loopback address");
    expect(delivered).toEqual([]);
  });

  it("connects to the address it checked, never resolving the name again", async () => {
    delivered.length = 0;
    const asked: string[] = [];
    const resolve = async (host: string) => (asked.push(host), [{ address: "127.0.0.1", family: 4 }]);
    const port = new URL(base).port;
    // The system resolver knows no such name: the page arrives only if the connection used the checked address.
    await notifier({ secret, outbound: outboundGuard(parseAllowList("127.0.0.0/8").list, resolve) }).send(
      contactAt(`http://hooks.example.test:${port}/ok`),
      message,
    );
    expect(asked).toEqual(["hooks.example.test"]);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.headers.host).toBe(`hooks.example.test:${port}`);
  });

  it("waits as long as a 429's Retry-After asks, 30 s when it does not say", async () => {
    const limited = await failureOf(notifier({ secret }).send(contactAt(`${base}/limited`), message));
    expect(limited).toMatchObject({ name: "IntegrationError", kind: "transient", retryAfterMs: 5000 });
    const unsaid = await failureOf(notifier({ secret }).send(contactAt(`${base}/limited-no-header`), message));
    expect(unsaid).toMatchObject({ name: "IntegrationError", kind: "transient", retryAfterMs: 30_000 });
  });

  it("leaves a 503 transient", async () => {
    const error = await failureOf(notifier({ secret }).send(contactAt(`${base}/down`), message));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(IntegrationError);
    expect((error as Error).message).toContain("503");
  });

  it("gives up on a receiver that never answers, as a transient error", async () => {
    const error = await failureOf(notifier({ secret, timeoutMs: 200 }).send(contactAt(`${base}/hang`), message));
    expect(error).not.toBeInstanceOf(IntegrationError);
    expect((error as Error).message).toMatch(/did not answer within 200 ms/);
  }, 5_000); // without the signal, the request would wait far longer

  it.each(["ftp://127.0.0.1/hook", "not a url", "https://user:pass@127.0.0.1/hook"])(
    "rejects %s without sending",
    async (address) => {
      delivered.length = 0;
      const error = await failureOf(notifier({ secret }).send(contactAt(address), message));
      expect(error).toMatchObject(REJECTED);
      expect(delivered).toHaveLength(0);
    },
  );
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-03-02T09:00:00Z");
  it.each([
    ["5", 5000],
    ["0", 0],
    [" 120 ", 120_000],
    ["Mon, 02 Mar 2026 09:01:00 GMT", 60_000],
    ["Mon, 02 Mar 2026 08:00:00 GMT", 0],
    ["soon", 30_000],
    [null, 30_000],
  ])("reads %j as %d ms", (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});
