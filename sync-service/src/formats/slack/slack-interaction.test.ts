import { describe, expect, it } from "vitest";
import { actionButtons, chatActionOf, OPEN_ACTION_ID } from "./slack-interaction.ts";

const INCIDENT = "7b0c0f8e-5d5e-4c43-9a57-2f3c2f0b1a11";
const click = (action: Record<string, unknown>) =>
  JSON.stringify({
    type: "block_actions",
    user: { id: "U0ALICE" },
    container: { channel_id: "D0ALICE", message_ts: "1700000000.000100" },
    actions: [{ block_id: "firewatch_page_actions", ...action }],
  });

describe("Slack page buttons", () => {
  it("reads a Firewatch button's click", () => {
    expect(chatActionOf(click({ action_id: "firewatch_acknowledge", value: INCIDENT }))).toMatchObject({
      kind: "acknowledge",
      incidentId: INCIDENT,
      source: "page",
    });
  });

  it("takes the Open in Firewatch url button's click (no value) as not ours, so nothing happens", () => {
    expect(chatActionOf(click({ action_id: OPEN_ACTION_ID }))).toBe("not_ours");
  });

  it("adds the url button only when a link is given, and no Resolve once resolved", () => {
    const url = "https://fw.example/signin/abc";
    expect(actionButtons(INCIDENT, "page", "triggered", url).elements.at(-1)).toEqual({
      type: "button",
      action_id: "open",
      text: { type: "plain_text", text: "Open in Firewatch" },
      url,
    });
    expect(JSON.stringify(actionButtons(INCIDENT, "summary", "triggered"))).not.toContain("url");
    expect(actionButtons(INCIDENT, "page", "resolved", url).elements.map((e) => e.action_id)).toEqual(["open"]);
  });
});
