// Statuspage's documented webhook bodies (test/fixtures/statuspage; provenance in its README, from
// https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/) through the mapper.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { toStatusPageEvent } from "./statuspage-webhook-mapper.ts";

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`../../../../test/fixtures/statuspage/${name}`, import.meta.url), "utf8"));

describe("Statuspage notifications", () => {
  it("reads an incident notification with its updates", () => {
    const body = fixture("incident-webhook.json");
    const event = toStatusPageEvent(body);
    expect(event).toMatchObject({ kind: "incident", remoteId: body.incident.id, status: body.incident.status });
    if (event?.kind !== "incident") throw new Error("expected an incident");
    expect(event.updates.map((u) => u.id)).toEqual(body.incident.incident_updates.map((u: { id: string }) => u.id));
    expect(event.updates.every((u) => u.createdAt instanceof Date && !Number.isNaN(u.createdAt.getTime()))).toBe(true);
  });

  it("reads a component notification", () => {
    const body = fixture("component-webhook.json");
    expect(toStatusPageEvent(body)).toEqual({
      kind: "component",
      updateId: body.component_update.id,
      componentId: body.component_update.component_id,
      componentName: body.component.name,
      oldStatus: body.component_update.old_status,
      newStatus: body.component_update.new_status,
      at: new Date(body.component_update.created_at),
    });
  });

  it.each([[{}], [{ meta: {}, page: {} }], [{ incident: { id: 1 } }], [null], ["text"]])("refuses %j", (body) => {
    expect(toStatusPageEvent(body)).toBeNull();
  });
});
