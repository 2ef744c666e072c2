import { describe, expect, it } from "vitest";
import { IllegalTransitionDomainError, InvalidInputDomainError } from "./errors.ts";
import {
  acknowledgeIncident,
  openIncident,
  parseIncidentKey,
  resolveIncident,
  type Incident,
  type IncidentStatus,
} from "./incident.ts";

const t0 = new Date("2026-03-02T09:00:00Z");
const t1 = new Date("2026-03-02T09:05:00Z");
const base = () => openIncident({ id: "i-1", tenantId: "t", number: 7, title: "  API down  ", severity: "SEV2" }, t0);
const inStatus = (status: IncidentStatus): Incident => ({ ...base(), status });

describe("incident lifecycle", () => {
  it("opens triggered at revision 1 with a trimmed title", () => {
    expect(base()).toMatchObject({
      status: "triggered",
      revision: 1,
      title: "API down",
      createdAt: t0,
      acknowledgedAt: null,
    });
  });

  it.each([
    ["", "INCIDENT.TITLE_REQUIRED"],
    ["   ", "INCIDENT.TITLE_REQUIRED"],
    ["x".repeat(1025), "INCIDENT.TITLE_TOO_LONG"],
  ])("rejects the title %j with %s", (title, code) => {
    expect(() => openIncident({ id: "i", tenantId: "t", number: 1, title, severity: "SEV1" }, t0)).toThrow(
      expect.objectContaining({ code, constructor: InvalidInputDomainError }),
    );
  });

  it.each<[IncidentStatus, "acknowledge" | "resolve", IncidentStatus | string]>([
    ["triggered", "acknowledge", "acknowledged"],
    ["triggered", "resolve", "resolved"],
    ["acknowledged", "resolve", "resolved"],
    ["acknowledged", "acknowledge", "INCIDENT.ALREADY_ACKNOWLEDGED"],
    ["resolved", "acknowledge", "INCIDENT.ALREADY_RESOLVED"],
    ["resolved", "resolve", "INCIDENT.ALREADY_RESOLVED"],
  ])("%s --%s--> %s", (from, change, expected) => {
    const incident = inStatus(from);
    const act = () => (change === "acknowledge" ? acknowledgeIncident(incident, t1) : resolveIncident(incident, t1));
    if (expected.includes(".")) {
      expect(act).toThrow(expect.objectContaining({ code: expected, constructor: IllegalTransitionDomainError }));
    } else {
      const next = act();
      expect(next.status).toBe(expected);
      expect(next.revision).toBe(incident.revision + 1);
      expect(next.updatedAt).toEqual(t1);
      expect(change === "acknowledge" ? next.acknowledgedAt : next.resolvedAt).toEqual(t1);
    }
  });
});

describe("acknowledging makes an owner", () => {
  it("the person who acknowledges an unowned incident becomes its owner", () => {
    expect(acknowledgeIncident(inStatus("triggered"), t1, "u-alice").ownerId).toBe("u-alice");
  });

  it("an owner already named stays the owner", () => {
    const owned = { ...inStatus("triggered"), ownerId: "u-bob" };
    expect(acknowledgeIncident(owned, t1, "u-alice").ownerId).toBe("u-bob");
  });

  it("an acknowledgement by no person (an alert, Jira) names no owner", () => {
    expect(acknowledgeIncident(inStatus("triggered"), t1).ownerId).toBeNull();
  });
});

describe("incident keys", () => {
  it.each([
    ["INC-42", 42],
    ["inc-7", 7],
    [" INC-1 ", 1],
    ["INC-0", null],
    ["INC-", null],
    ["INC-4x", null],
    ["42", null],
    ["3b0e6c1e-0000-4000-8000-000000000000", null],
  ])("%j → %j", (ref, number) => {
    expect(parseIncidentKey(ref)).toBe(number);
  });
});
