// A status update by Slack DM, against the Slack stand-in over HTTP
// (https://docs.slack.dev/reference/methods/chat.postMessage, message metadata on conversations.history).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../../../stand-ins/slack/index.ts";
import type { ContactMethod, StatusUpdateMessage } from "../../ports/notifier-port.ts";
import { slackNotifier } from "./slack-notifier.ts";

const erin: ContactMethod = { id: "delivery-1", userId: "user-erin", kind: "slack", address: "U0ALICE" };
const update: StatusUpdateMessage = {
  deliveryId: "delivery-1",
  incidentKey: "INC-7",
  incidentTitle: "Payments down",
  severity: "SEV1",
  status: "acknowledged",
  message: "Root cause found <!channel>: an expired certificate.",
  author: "Cora Crisis",
  postedAt: new Date("2026-12-07T10:00:00Z"),
  recipientName: "Erin",
  url: "https://firewatch.example.com/incidents/INC-7",
  bridge: { url: "https://meet.example.com/room", dialIn: "+1 555 0100" },
  mayHaveBeenSent: false,
};

let emu: SlackEmulator;
beforeEach(async () => {
  emu = new SlackEmulator();
  await emu.start();
});
afterEach(async () => {
  const unexpected = emu.unexpected();
  await emu.stop();
  expect(unexpected).toEqual([]);
});
const notifier = () => slackNotifier({ token: emu.botToken, apiUrl: emu.apiUrl });

describe("slackNotifier.inform", () => {
  it("DMs the update as escaped text and blocks with the bridge, marked with its delivery", async () => {
    await notifier().inform(erin, update);
    const [message, ...others] = emu.messages({ user: "U0ALICE" });
    expect(others).toEqual([]);
    expect(message!.text).toContain("Status update on INC-7: Payments down");
    const blocks = JSON.stringify(message!.blocks);
    expect(blocks).toContain("Root cause found &lt;!channel&gt;: an expired certificate.");
    expect(blocks).toContain("https://meet.example.com/room|Join the bridge");
    expect(message!.metadata).toEqual({
      event_type: "firewatch_status_update",
      event_payload: { delivery_id: "delivery-1" },
    });
  });

  it("does not tell twice when a retry finds the delivery in the DM, and does tell when it is not there", async () => {
    const first = await notifier().inform(erin, update);
    const again = await notifier().inform(erin, { ...update, mayHaveBeenSent: true });
    expect(again).toEqual(first);
    await notifier().inform(erin, { ...update, deliveryId: "delivery-2", mayHaveBeenSent: true });
    expect(emu.messages({ user: "U0ALICE" })).toHaveLength(2);
  });
});
