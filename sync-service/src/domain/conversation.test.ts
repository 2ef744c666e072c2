import { describe, expect, it } from "vitest";
import { applyChatEvent, chatTime, currentText, type ChatEvent, type ChatMessage } from "./chat-message.ts";
import { chatTimelineEntry, shouldMirror } from "./chat-mirror.ts";
import { channelName, mirrorPolicy } from "./conversation.ts";

const C = "C0INC";
const TS = "1700000000.000100";
const events: ChatEvent[] = [
  { kind: "posted", channelId: C, ts: TS, userId: "U0ALICE", text: "db is down", threadTs: null },
  {
    kind: "edited",
    channelId: C,
    ts: TS,
    userId: "U0ALICE",
    text: "db primary is down",
    previousText: "db is down",
    threadTs: null,
    eventTs: "1700000010.000000",
  },
  {
    kind: "edited",
    channelId: C,
    ts: TS,
    userId: "U0ALICE",
    text: "db primary is down (us-east-1)",
    previousText: "db primary is down",
    threadTs: null,
    eventTs: "1700000020.000000",
  },
  {
    kind: "pinned",
    channelId: C,
    ts: TS,
    eventTs: "1700000030.000000",
    message: { userId: "U0ALICE", text: "db primary is down (us-east-1)", threadTs: null },
  },
  { kind: "unpinned", channelId: C, ts: TS, eventTs: "1700000040.000000", message: null },
  { kind: "reaction_added", channelId: C, ts: TS, userId: "U0BOB", reaction: "memo", eventTs: "1700000050.000000" },
  { kind: "reaction_removed", channelId: C, ts: TS, userId: "U0BOB", reaction: "memo", eventTs: "1700000060.000000" },
  { kind: "reaction_added", channelId: C, ts: TS, userId: "U0CAROL", reaction: "memo", eventTs: "1700000070.000000" },
];

const applyAll = (list: readonly ChatEvent[]) =>
  list.reduce<ChatMessage | null>((m, e) => applyChatEvent(m, e, "inc-1"), null)!;

function permutations<T>(items: readonly T[], limit: number): T[][] {
  // A deterministic sample of orders: rotations, reversals and pairwise swaps.
  const out: T[][] = [];
  for (let r = 0; r < items.length; r++) {
    const rotated = [...items.slice(r), ...items.slice(0, r)];
    out.push(rotated, [...rotated].reverse());
    for (let i = 0; i + 1 < rotated.length && out.length < limit; i += 2) {
      const swapped = [...rotated];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      out.push(swapped);
    }
  }
  return out.slice(0, limit);
}

describe("a chat message's state", () => {
  const inOrder = applyAll(events);

  it("follows its events: edits in order, last pin and reaction state win", () => {
    expect(currentText(inOrder)).toBe("db primary is down (us-east-1)");
    expect(inOrder).toMatchObject({ userId: "U0ALICE", text: "db is down", pinned: false });
    expect(inOrder.versions.map((v) => v.text)).toEqual(["db primary is down", "db primary is down (us-east-1)"]);
    expect(shouldMirror({ mode: "reaction", reaction: "memo" }, inOrder)).toBe(true);
  });

  it.each(permutations(events, 40).map((order, i) => [i, order] as const))(
    "is the same whatever order the events arrive in (order %i)",
    (_i, order) => {
      expect(applyAll(order)).toEqual(inOrder);
    },
  );

  it("knows the original text from the earliest edit when the post event never came", () => {
    const [, first, second] = events;
    expect(applyAll([second!, first!])).toMatchObject({
      text: "db is down",
      versions: [{ text: "db primary is down" }, { text: "db primary is down (us-east-1)" }],
    });
  });

  it("is unchanged by a redelivered event", () => {
    expect(applyAll([...events, ...events])).toEqual(inOrder);
  });

  it("keeps a deleted message's text for the record", () => {
    const deleted = applyAll([
      {
        kind: "deleted",
        channelId: C,
        ts: TS,
        previousText: "oops, wrong channel",
        userId: "U0BOB",
        threadTs: null,
        eventTs: "1700000090.000000",
      },
    ]);
    expect(deleted).toMatchObject({ text: "oops, wrong channel", userId: "U0BOB", deletedTs: "1700000090.000000" });
    const entry = chatTimelineEntry("e1", deleted, "bob", new Map());
    expect(entry).toMatchObject({ body: "oops, wrong channel", author: "bob", data: { deleted: true } });
  });
});

describe("mirroring", () => {
  const plain = applyAll([events[0]!]);
  const pinned = applyAll([events[0]!, events[3]!]);
  const memo = applyAll([events[0]!, events[5]!]);
  it.each([
    ["all", null, plain, true],
    ["pinned", null, plain, false],
    ["pinned", null, pinned, true],
    ["reaction", "memo", plain, false],
    ["reaction", "memo", memo, true],
    ["reaction", "eyes", memo, false],
  ] as const)("mode %s (%s)", (mode, reaction, message, expected) => {
    expect(shouldMirror(mirrorPolicy(mode, reaction), message)).toBe(expected);
  });

  it("needs a valid reaction name for mode reaction", () => {
    expect(mirrorPolicy("reaction", ":white_check_mark:")).toEqual({ mode: "reaction", reaction: "white_check_mark" });
    expect(() => mirrorPolicy("reaction", null)).toThrow(/mirrorReaction/);
    expect(() => mirrorPolicy("reaction", "Not A Name")).toThrow(/mirrorReaction/);
    expect(mirrorPolicy("all", "memo")).toEqual({ mode: "all", reaction: null });
  });

  it("threads a reply under its parent", () => {
    const reply = applyAll([
      { kind: "posted", channelId: C, ts: "1700000100.000200", userId: "U0BOB", text: "on it", threadTs: TS },
    ]);
    expect(chatTimelineEntry("e2", reply, "bob", new Map()).data).toMatchObject({
      threadTs: TS,
      parentSourceId: `${C}:${TS}`,
    });
  });
});

describe("channel names and chat time", () => {
  it.each([
    [12, "Checkout is down", "inc-12-checkout-is-down"],
    [7, "Ünïcödé & émojis 🔥 in titles!", "inc-7-unicode-emojis-in-titles"],
    [3, "!!!", "inc-3"],
    [123456, "a".repeat(200), `inc-123456-${"a".repeat(80 - "inc-123456-".length)}`],
    [5, "Trailing ----", "inc-5-trailing"],
  ])("#%i %j → %s", (n, title, expected) => {
    const name = channelName(n, title);
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^[a-z0-9-]+$/);
  });

  it("reads Slack's ts to the millisecond", () => {
    expect(chatTime("1700000000.123456").toISOString()).toBe("2023-11-14T22:13:20.123Z");
    expect(chatTime("1700000000.000999").getTime()).toBe(1_700_000_000_000);
  });
});
