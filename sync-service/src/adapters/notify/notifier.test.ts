import { describe, expect, it } from "vitest";
import { IntegrationError } from "../../ports/integration-errors.ts";
import type {
  ContactKind,
  ContactMethod,
  NotifierPort,
  PageMessage,
  ReminderMessage,
} from "../../ports/notifier-port.ts";
import { compositeNotifier } from "./notifier.ts";

const message: PageMessage = {
  pageId: "page_7",
  incidentId: "inc_42",
  incidentKey: "INC-42",
  title: "Checkout errors",
  severity: "SEV2",
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
  incidentTitle: "Checkout errors",
  itemTitle: "Add disk alerts",
  issueKey: "CI-12",
  issueUrl: "https://jira.example.com/browse/CI-12",
  dueDate: "2026-11-20",
  daysOverdue: 2,
  recipientName: "Ana Lima",
  url: "https://firewatch.example.com/incidents/INC-42",
};

function contact(kind: ContactKind, address: string): ContactMethod {
  return { id: `cm_${kind}`, userId: "u_1", kind, address };
}

/** A notifier that records what it was asked to send and answers with `providerId`. */
function recording(providerId: string | null): NotifierPort & { sent: ContactMethod[]; reminded: ContactMethod[] } {
  const sent: ContactMethod[] = [];
  const reminded: ContactMethod[] = [];
  return {
    sent,
    reminded,
    send: async (c) => (sent.push(c), { providerId }),
    remind: async (c) => (reminded.push(c), { providerId }),
    inform: async (c) => (reminded.push(c), { providerId }),
  };
}

describe("compositeNotifier", () => {
  it("sends through the notifier for the contact's kind only", async () => {
    const email = recording("<m1@firewatch>");
    const webhook = recording(null);
    const notifier = compositeNotifier({ email, webhook });

    await expect(notifier.send(contact("email", "ana@example.com"), message)).resolves.toEqual({
      providerId: "<m1@firewatch>",
    });
    await expect(notifier.send(contact("webhook", "https://hooks.example.com/p"), message)).resolves.toEqual({
      providerId: null,
    });

    expect(email.sent.map((c) => c.address)).toEqual(["ana@example.com"]);
    expect(webhook.sent.map((c) => c.address)).toEqual(["https://hooks.example.com/p"]);
  });

  it("reports a kind without a notifier as not configured", async () => {
    const email = recording("<m1@firewatch>");
    await expect(compositeNotifier({ email }).send(contact("slack", "U123"), message)).rejects.toMatchObject({
      name: "IntegrationError",
      integration: "slack",
      kind: "not_configured",
    });
    expect(email.sent).toHaveLength(0);
  });

  it("passes the adapter's errors through unchanged", async () => {
    const refused = new IntegrationError("email", "rejected", "550 mailbox unavailable");
    const transient = new Error("ECONNRESET");
    const email: NotifierPort = {
      send: () => Promise.reject(refused),
      remind: () => Promise.reject(refused),
      inform: () => Promise.reject(refused),
    };
    const webhook: NotifierPort = {
      send: () => Promise.reject(transient),
      remind: () => Promise.reject(transient),
      inform: () => Promise.reject(transient),
    };
    const notifier = compositeNotifier({ email, webhook });
    await expect(notifier.send(contact("email", "ana@example.com"), message)).rejects.toBe(refused);
    await expect(notifier.send(contact("webhook", "https://hooks.example.com/p"), message)).rejects.toBe(transient);
    await expect(notifier.remind(contact("email", "ana@example.com"), reminder)).rejects.toBe(refused);
  });

  it("routes reminders by the contact's kind too, and reports a kind without a notifier as not configured", async () => {
    const email = recording("<m2@firewatch>");
    const slack = recording("1700000000.000100");
    const notifier = compositeNotifier({ email, slack });
    await expect(notifier.remind(contact("slack", "U123"), reminder)).resolves.toEqual({
      providerId: "1700000000.000100",
    });
    expect([slack.reminded.length, slack.sent.length, email.reminded.length]).toEqual([1, 0, 0]);
    await expect(notifier.remind(contact("sms", "+14155550100"), reminder)).rejects.toMatchObject({
      name: "IntegrationError",
      integration: "twilio",
      kind: "not_configured",
    });
  });
});
