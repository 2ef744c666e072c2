import { describe, expect, it } from "vitest";
import {
  NotificationRejectedError,
  NotifierNotConfiguredError,
  type ContactKind,
  type ContactMethod,
  type NotifierPort,
  type PageMessage,
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
};

function contact(kind: ContactKind, address: string): ContactMethod {
  return { id: `cm_${kind}`, userId: "u_1", kind, address };
}

/** A notifier that records what it was asked to send and answers with `providerId`. */
function recording(providerId: string | null): NotifierPort & { sent: ContactMethod[] } {
  const sent: ContactMethod[] = [];
  return { sent, send: async (c) => (sent.push(c), { providerId }) };
}

describe("compositeNotifier", () => {
  it("sends through the notifier for the contact's kind only", async () => {
    const email = recording("<m1@firewatch>");
    const webhook = recording(null);
    const notifier = compositeNotifier({ email, webhook });

    await expect(notifier.send(contact("email", "ana@example.com"), message)).resolves.toEqual({ providerId: "<m1@firewatch>" });
    await expect(notifier.send(contact("webhook", "https://hooks.example.com/p"), message)).resolves.toEqual({ providerId: null });

    expect(email.sent.map((c) => c.address)).toEqual(["ana@example.com"]);
    expect(webhook.sent.map((c) => c.address)).toEqual(["https://hooks.example.com/p"]);
  });

  it("reports a kind without a notifier as not configured", async () => {
    const email = recording("<m1@firewatch>");
    await expect(compositeNotifier({ email }).send(contact("slack", "U123"), message)).rejects.toBeInstanceOf(NotifierNotConfiguredError);
    expect(email.sent).toHaveLength(0);
  });

  it("passes the adapter's errors through unchanged", async () => {
    const refused = new NotificationRejectedError("550 mailbox unavailable");
    const transient = new Error("ECONNRESET");
    const email: NotifierPort = { send: () => Promise.reject(refused) };
    const webhook: NotifierPort = { send: () => Promise.reject(transient) };
    const notifier = compositeNotifier({ email, webhook });
    await expect(notifier.send(contact("email", "ana@example.com"), message)).rejects.toBe(refused);
    await expect(notifier.send(contact("webhook", "https://hooks.example.com/p"), message)).rejects.toBe(transient);
  });
});
