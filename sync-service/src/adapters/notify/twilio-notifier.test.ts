// The Twilio notifier over real HTTP against the Twilio emulator (stand-ins/twilio).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TwilioEmulator } from "../../../../stand-ins/twilio/index.ts";
import { IntegrationError } from "../../ports/integration-errors.ts";
import type { ContactKind, ContactMethod, PageMessage, ReminderMessage } from "../../ports/notifier-port.ts";
import { twilioNotifier } from "./twilio-notifier.ts";

const REJECTED = { name: "IntegrationError", integration: "twilio", kind: "rejected" };
const NOT_CONFIGURED = { name: "IntegrationError", integration: "twilio", kind: "not_configured" };

const message: PageMessage = {
  pageId: "page_7",
  incidentId: "inc_42",
  incidentKey: "INC-42",
  title: "Checkout errors > 2% & rising",
  severity: "SEV1",
  status: "triggered",
  url: "https://firewatch.example.com/incidents/inc_42",
  level: 2,
  recipientName: "Ana Lima",
  mayHaveBeenSent: false,
  actionUrls: null,
  signInUrl: null,
};

const contact = (kind: string, address = "+14155550100"): ContactMethod => ({
  id: `cm_${kind}`,
  userId: "u_ana",
  kind: kind as ContactKind,
  address,
});

const emu = new TwilioEmulator();
let notifier: ReturnType<typeof twilioNotifier>;

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected send to fail");
}

beforeAll(async () => {
  await emu.start();
  notifier = twilioNotifier({
    accountSid: emu.accountSid,
    authToken: emu.authToken,
    from: "+15005550006",
    apiUrl: emu.baseUrl,
    timeoutMs: 2000,
  });
});

afterEach(() => {
  expect(emu.unexpected()).toEqual([]);
  emu.clearLog();
  emu.faults.clear();
});

afterAll(() => emu.stop());

describe("twilioNotifier", () => {
  it("rejects reminders of overdue action items without calling Twilio, so the next contact method is tried", async () => {
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
    const sent = emu.messages().length;
    const error = await failure(notifier.remind(contact("sms"), reminder));
    expect(error).toMatchObject(REJECTED);
    expect(error.message).toContain("reminders and status updates go by Slack or e-mail");
    expect(emu.messages()).toHaveLength(sent);
  });

  it("texts an sms contact: To, From and the short Body arrive; the Message sid is the provider id", async () => {
    const delivery = await notifier.send(contact("sms"), message);
    const sent = emu.messages().at(-1)!;
    expect(sent).toMatchObject({
      to: "+14155550100",
      from: "+15005550006",
      body: `[SEV1] INC-42 triggered: ${message.title} ${message.url}\nReply ACK or RESOLVE`,
    });
    expect(delivery).toEqual({ providerId: sent.sid });
    expect(delivery.providerId).toMatch(/^SM/);
  });

  it("calls a voice contact with TwiML that says severity, key and title twice, XML-escaped", async () => {
    const delivery = await notifier.send(contact("voice"), message);
    const call = emu.calls().at(-1)!;
    expect(call).toMatchObject({ to: "+14155550100", from: "+15005550006", sid: delivery.providerId });
    const twiml = String(call.twiml);
    expect(twiml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response>.*<\/Response>$/);
    expect(twiml.match(/severity 1 incident INC-42, triggered: Checkout errors &gt; 2% &amp; rising\./g)).toHaveLength(
      2,
    );
    expect(emu.spoken(String(call.sid))).toEqual([
      "Firewatch page. severity 1 incident INC-42, triggered: Checkout errors > 2% & rising.",
      "Again: severity 1 incident INC-42, triggered: Checkout errors > 2% & rising.",
    ]);
  });

  it("asks for a key when it knows where keys go: the incident, the question, once more without a key, goodbye", async () => {
    const gatherUrl = "https://firewatch.example.com/webhooks/twilio/voice/gather";
    const asking = twilioNotifier({
      accountSid: emu.accountSid,
      authToken: emu.authToken,
      from: "+15005550006",
      apiUrl: emu.baseUrl,
      gatherUrl,
    });
    const { providerId } = await asking.send(contact("voice"), message);
    const twiml = String(emu.calls().at(-1)!.twiml);
    expect(twiml).toContain(`<Gather numDigits="1" action="${gatherUrl}/page_7" method="POST">`);
    expect(twiml).toContain(`<Gather numDigits="1" action="${gatherUrl}/page_7?again=1" method="POST">`);
    const said = "severity 1 incident INC-42, triggered: Checkout errors > 2% & rising.";
    expect(emu.spoken(providerId!)).toEqual([`Firewatch page. ${said} Press 4 to acknowledge, 6 to resolve.`]);
    expect(emu.noInput(providerId!)).toEqual([`Again: ${said} Press 4 to acknowledge, 6 to resolve.`]);
    expect(emu.noInput(providerId!)).toEqual(["Goodbye."]);
    expect(emu.isWaitingForKey(providerId!)).toBe(false);
  });

  it("rejects a number Twilio says is invalid, naming the code", async () => {
    const error = await failure(notifier.send(contact("sms", "+15555550123"), message));
    expect(error).toMatchObject(REJECTED);
    expect(error.message).toMatch(/error 21211.*not a valid phone number/);
  });

  it("rejects on bad credentials (401, error 20003)", async () => {
    const wrong = twilioNotifier({
      accountSid: emu.accountSid,
      authToken: "revoked",
      from: "+15005550006",
      apiUrl: emu.baseUrl,
    });
    const error = await failure(wrong.send(contact("sms"), message));
    expect(error).toMatchObject(REJECTED);
    expect(error.message).toMatch(/401 \(error 20003\)/);
  });

  it("waits Retry-After on 429", async () => {
    emu.faults.next({ status: 429, headers: { "Retry-After": "4" } });
    const error = await failure(notifier.send(contact("voice"), message));
    expect(error).toMatchObject({ name: "IntegrationError", kind: "transient", retryAfterMs: 4000 });
  });

  it("treats 503 and a timeout as transient", async () => {
    emu.faults.next({ status: 503 });
    const down = await failure(notifier.send(contact("sms"), message));
    expect(down).not.toBeInstanceOf(IntegrationError);
    expect(down.message).toMatch(/503/);
    emu.faults.next({ hang: true });
    const slow = twilioNotifier({
      accountSid: emu.accountSid,
      authToken: emu.authToken,
      from: "+15005550006",
      apiUrl: emu.baseUrl,
      timeoutMs: 100,
    });
    const hung = await failure(slow.send(contact("sms"), message));
    expect(hung).not.toBeInstanceOf(IntegrationError);
    expect(hung.message).toMatch(/did not answer within 100 ms/);
  });

  it.each(["4155550100", "+1 415 555 0100", "+1234567", "+0123456789"])(
    "rejects non-E.164 address %s without a request",
    async (address) => {
      await expect(notifier.send(contact("sms", address), message)).rejects.toMatchObject(REJECTED);
      expect(emu.requests()).toEqual([]);
    },
  );

  it("is not configured without settings", async () => {
    await expect(twilioNotifier(null).send(contact("sms"), message)).rejects.toMatchObject(NOT_CONFIGURED);
  });
});
