import { describe, expect, it } from "vitest";
import type { InboundEmail } from "../../domain/inbound-email.ts";
import { addService, inMemoryWorld, OTHER_TENANT } from "../testing/fixtures.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { ingestEmail } from "./ingest-email.ts";

const receivedAt = new Date("2026-03-02T10:00:00Z");

function email(fields: Partial<InboundEmail> = {}): InboundEmail {
  return {
    messageKey: "alert-1@monitor.example.com",
    messageId: "alert-1@monitor.example.com",
    title: "Disk full on db-1",
    severity: null,
    text: "db-1 at 95%",
    replyText: "db-1 at 95%",
    sender: "Nagios",
    senderAddress: "nagios@example.com",
    isReply: false,
    incidentNumber: null,
    answers: [],
    receivedAt,
    ...fields,
  };
}

function world() {
  const w = inMemoryWorld();
  const service = addService(w.store, { defaultSeverity: "SEV2" });
  const ingest = (fields: Partial<InboundEmail> = {}, key = service.integrationKey) =>
    ingestEmail(w.intakeDeps, key, email(fields));
  const entries = (incidentId: string) =>
    w.store.timelineOf(incidentId).map(({ type, source, author, body }) => ({ type, source, author, body }));
  return { ...w, service, ingest, entries };
}

describe("ingestEmail", () => {
  it("opens an incident as an Events v2 trigger would: title, description, the service's default severity, paging", async () => {
    const { store, ingest, entries } = world();
    const outcome = await ingest();
    expect(outcome.effect).toBe("opened");
    expect(store.data.incidents.get(outcome.incidentId!)).toMatchObject({
      title: "Disk full on db-1",
      description: "db-1 at 95%",
      severity: "SEV2",
      status: "triggered",
    });
    expect(entries(outcome.incidentId!)).toEqual([
      {
        type: "incident.triggered",
        source: "email",
        author: "Nagios",
        body: "INC-1 triggered by Nagios: Disk full on db-1",
      },
    ]);
    expect(store.data.jobs.length).toBeGreaterThan(0);
  });

  it("takes the severity of a subject tag", async () => {
    const { store, ingest } = world();
    const { incidentId } = await ingest({ severity: "SEV1" });
    expect(store.data.incidents.get(incidentId!)!.severity).toBe("SEV1");
  });

  it("changes nothing for the same message again", async () => {
    const { store, ingest } = world();
    await ingest();
    expect(await ingest()).toEqual({ effect: "duplicate", incidentId: null });
    expect(store.data.incidents.size).toBe(1);
    expect([...store.data.alerts.values()].map((a) => a.count)).toEqual([1]);
  });

  it("makes a reply naming the incident's key a note by the sender, quotation left out", async () => {
    const { ingest, entries } = world();
    const { incidentId } = await ingest();
    const reply = await ingest({
      messageKey: "reply-1@mail.example.com",
      isReply: true,
      incidentNumber: 1,
      sender: "Jane Doe",
      text: "Rolled back.\n> Disk full",
      replyText: "Rolled back.",
    });
    expect(reply).toEqual({ effect: "noted", incidentId });
    expect(entries(incidentId!).at(-1)).toEqual({
      type: "note",
      source: "email",
      author: "Jane Doe",
      body: "Rolled back.",
    });
  });

  it("joins a reply to the incident of the message it answers, through notes too", async () => {
    const { store, ingest } = world();
    const { incidentId } = await ingest();
    const first = await ingest({ messageKey: "r1", isReply: true, answers: ["alert-1@monitor.example.com"] });
    const second = await ingest({ messageKey: "r2", isReply: true, answers: ["r1", "alert-1@monitor.example.com"] });
    expect([first, second]).toEqual([
      { effect: "noted", incidentId },
      { effect: "noted", incidentId },
    ]);
    expect(store.data.incidents.size).toBe(1);
  });

  it("opens an incident for a reply it cannot place: unknown key, another tenant's incident, unknown messages", async () => {
    const { store, ingest } = world();
    const other = addService(store, { tenantId: OTHER_TENANT });
    await ingest({ messageKey: "theirs" }, other.integrationKey);
    const outcome = await ingest({ messageKey: "r", isReply: true, incidentNumber: 9, answers: ["theirs", "nope"] });
    expect(outcome.effect).toBe("opened");
    expect(store.data.incidents.size).toBe(2);
  });

  it("refuses a key no service has", async () => {
    const { ingest } = world();
    await expect(ingest({}, "f".repeat(32))).rejects.toBeInstanceOf(NotFoundUseCaseError);
  });
});
