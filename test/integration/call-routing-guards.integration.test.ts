// Live call routing: what must change nothing — a line that takes no calls, a repeated incoming-call webhook or
// dial result, a late acceptance, a caller hanging up, a forged or malformed request, call routing the API refuses.
import { describe, expect, it } from "vitest";
import { ALICE, BOB, CLOSED_LINE, LINE, useCallRoutingWorld } from "../support/call-routing-world.ts";
import { DATABASE_KINDS } from "../support/databases.ts";

describe.each(DATABASE_KINDS)("live call routing guards on $name", (kind) => {
  const w = useCallRoutingWorld(kind);
  const { phone, call, incidents, timeline, ring, signed, incomingParams } = w;

  it("says the line takes no calls for a service without call routing, and opens nothing", async () => {
    const before = (await incidents()).length;
    const { placed, incident } = await ring(CLOSED_LINE);
    expect(placed.heard).toEqual(["This number is not taking calls. Goodbye."]);
    expect(placed.dials).toEqual([]);
    expect(incident).toBeUndefined();
    expect((await incidents()).length).toBe(before);
  });

  it("opens no second incident and rings nobody twice for a repeated webhook", async () => {
    const params = incomingParams(`CA${"1".repeat(32)}`);
    const first = await signed(w.service.endpoints.voice, params);
    expect(first.status).toBe(200);
    const twiml = await first.text();
    expect(twiml).toContain(`<Number url="${w.service.endpoints.voice}/screen?`);
    const count = (await incidents()).length;
    const again = await signed(w.service.endpoints.voice, params);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(twiml);
    const listed = await incidents();
    expect(listed.length).toBe(count);
    const incident = listed.find((i) => i.title === "Phone call from +447700900999");
    expect((await timeline(incident.key)).filter((b) => b.startsWith("Ringing"))).toEqual([
      "Ringing Alice Adams (level 1)",
    ]);
  });

  it("changes nothing for a repeated dial action, and lets only the first who pressed 1 take the call", async () => {
    phone.setFate(ALICE, { status: "no-answer" });
    phone.setScreenKeys(BOB, "1");
    const { placed, incident } = await ring();
    const before = await timeline(incident.key, true);
    const base = w.service.endpoints.voice;
    const dialed = await signed(`${base}/dial?level=0`, { CallSid: placed.sid, DialCallStatus: "no-answer" });
    expect(dialed.status).toBe(200);
    expect(await dialed.text()).toContain("<Hangup/>");
    const alice = (await call("GET", "/api/users")).users.find((u: any) => u.name === "Alice Adams");
    const query = new URLSearchParams({ call: placed.sid, level: "1", user: alice.id });
    const late = await signed(`${base}/screened?${query}`, { CallSid: `CA${"9".repeat(32)}`, Digits: "1" });
    expect(await late.text()).toContain("Someone else has taken this call.");
    expect(await timeline(incident.key, true)).toEqual(before);
    expect((await call("GET", `/api/incidents/${incident.key}`)).status).toBe("acknowledged");
  });

  it("stops ringing when the caller hangs up first", async () => {
    const callSid = `CA${"4".repeat(32)}`;
    const params = { ...incomingParams(callSid), From: "+447700900888" };
    expect((await signed(w.service.endpoints.voice, params)).status).toBe(200);
    const hungUp = await signed(`${w.service.endpoints.voice}/dial?level=0`, {
      CallSid: callSid,
      DialCallStatus: "canceled",
    });
    expect(await hungUp.text()).toContain("<Hangup/>");
    const incident = (await incidents()).find((i) => i.title === "Phone call from +447700900888");
    const bodies = await timeline(incident.key);
    expect(bodies).toContain("The caller hung up before anyone answered");
    expect(bodies.filter((b) => b.startsWith("Ringing"))).toEqual(["Ringing Alice Adams (level 1)"]);
  });

  it("refuses a forged call (401), an unknown service (404) and a malformed one (400), opening nothing", async () => {
    const before = (await incidents()).length;
    const forged = await signed(w.service.endpoints.voice, incomingParams(`CA${"2".repeat(32)}`), "not-the-token");
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "WEBHOOK.TWILIO_SIGNATURE_MISMATCH" } });
    const unknown = await signed(
      `${w.svc.url}/webhooks/twilio/voice/${"0".repeat(32)}`,
      incomingParams(`CA${"3".repeat(32)}`),
    );
    expect(unknown.status).toBe(404);
    const malformed = await signed(w.service.endpoints.voice, { ...incomingParams("CA-nope"), From: "" });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toMatch(/CallSid.*From|From.*CallSid/);
    expect((await incidents()).length).toBe(before);
  });

  it("refuses call routing it cannot use, naming the field", async () => {
    for (const [callRouting, field] of [
      [{ number: "12345" }, "callRouting.number"],
      [{ number: LINE, ringSeconds: 5 }, "callRouting.ringSeconds"],
      [{ number: LINE, greeting: "x".repeat(301) }, "callRouting.greeting"],
    ] as const) {
      const res = await w.svc.api(`/api/services/${w.service.id}`, { method: "PATCH", json: { callRouting } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(field);
    }
    expect((await call("GET", `/api/services/${w.service.id}`)).callRouting.ringSeconds).toBe(20);
  });
});
