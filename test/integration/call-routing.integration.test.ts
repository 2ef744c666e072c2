// Live call routing over real HTTP: the Twilio emulator places a call to the service's number, POSTs the signed
// incoming-call webhook to its Voice URL (https://www.twilio.com/docs/usage/webhooks/voice-webhooks) and runs the
// TwiML answered: <Dial> rings the on-call people, each screened by <Number url> (press 1 to take the call), the
// Dial action moves to the next level, <Record> takes a voicemail. The incident and its timeline say each step.
// What must change nothing (replays, forgeries, bad input) is in call-routing-guards.integration.test.ts.
import { describe, expect, it } from "vitest";
import { ALICE, BOB, GREETING, LINE, useCallRoutingWorld } from "../support/call-routing-world.ts";
import { DATABASE_KINDS } from "../support/databases.ts";

describe.each(DATABASE_KINDS)("live call routing on $name", (kind) => {
  const w = useCallRoutingWorld(kind);
  const { phone, call, timeline, ring } = w;

  it("shows the call routing and the Voice URL to set on the number", async () => {
    const shown = await call("GET", `/api/services/${w.service.id}`);
    expect(shown.callRouting).toEqual({ number: LINE, greeting: GREETING, ringSeconds: 20, voicemail: true });
    expect(shown.endpoints.voice).toBe(`${w.svc.url}/webhooks/twilio/voice/${w.service.integrationKey}`);
  });

  it("puts the caller through to level 1, who takes the call and acknowledges the incident", async () => {
    phone.setScreenKeys(ALICE, "1");
    const { placed, incident, from } = await ring();
    expect(placed.status).toBe(200);
    expect(placed.heard).toEqual([GREETING]);
    expect(placed.dials).toHaveLength(1);
    expect(placed.dials[0]).toMatchObject({ status: "completed", legs: [{ number: ALICE, outcome: "connected" }] });
    expect(placed.dials[0]!.legs[0]!.heard).toEqual([
      `Firewatch: a caller on payments for ${incident.key}. Press 1 to take the call.`,
    ]);
    expect(incident).toMatchObject({ status: "acknowledged", severity: "SEV2" });
    expect(await timeline(incident.key)).toEqual(
      expect.arrayContaining([
        `Call from ${from}: ${incident.key} triggered`,
        "Ringing Alice Adams (level 1)",
        "Alice Adams took the call",
        `Alice Adams acknowledged ${incident.key} by phone and is now its owner`,
      ]),
    );
  });

  it.each([
    ["does not answer", { status: "no-answer" } as const, "Alice Adams did not answer"],
    ["is busy", { status: "busy" } as const, "Alice Adams did not answer (busy)"],
  ])("rings level 2 when level 1 %s", async (_, fate, missed) => {
    phone.setFate(ALICE, fate);
    phone.setScreenKeys(BOB, "1");
    const { placed, incident } = await ring();
    expect(placed.dials.map((d) => [d.status, d.legs.map((l) => [l.number, l.outcome])])).toEqual([
      [fate.status, [[ALICE, fate.status]]],
      ["completed", [[BOB, "connected"]]],
    ]);
    expect(incident.status).toBe("acknowledged");
    const bodies = await timeline(incident.key);
    expect(bodies).toEqual(
      expect.arrayContaining(["Ringing Alice Adams (level 1)", missed, "Ringing Bob Backup (level 2)"]),
    );
    expect(bodies).toContain("Bob Backup took the call");
    expect(bodies).toContain(`Bob Backup acknowledged ${incident.key} by phone and is now its owner`);
  });

  it("treats a callee who picks up but does not press 1 as not answering (a voicemail box never takes the call)", async () => {
    phone.setScreenKeys(BOB, "1");
    const { placed, incident } = await ring();
    expect(placed.dials.map((d) => d.legs[0]!.outcome)).toEqual(["declined", "connected"]);
    expect(placed.dials[0]!.status).toBe("no-answer");
    expect(await timeline(incident.key)).toContain("Alice Adams did not answer");
  });

  it("takes a voicemail when nobody answers, and puts its link on the timeline", async () => {
    phone.setFate(ALICE, { status: "no-answer" });
    phone.setFate(BOB, { status: "failed" });
    const { placed, incident } = await ring();
    expect(placed.heard).toEqual([
      GREETING,
      "Nobody could be reached. Leave a message after the tone.",
      "Thank you, your message has been recorded. Goodbye.",
    ]);
    const recording = placed.recording!;
    expect(recording.url).toMatch(
      /^https:\/\/api\.twilio\.com\/2010-04-01\/Accounts\/AC\w+\/Recordings\/RE[0-9a-f]{32}$/,
    );
    expect(incident.status).toBe("triggered");
    expect(await timeline(incident.key)).toEqual(
      expect.arrayContaining([
        "Alice Adams did not answer",
        "Bob Backup could not be called",
        `Voicemail left (0:42): ${recording.url}`,
      ]),
    );
  });
});
