// The play form's draft as the API takes it, and the subscriber picker's choice as a target.
import { describe, expect, it } from "vitest";
import type { ResponsePlay } from "../../api/response-plays.ts";
import { bodyOfDraft, bridgeOf, draftOfPlay, subscriberKey, targetOfChoice, targetOfSubscriber } from "./play-draft.ts";

const play: ResponsePlay = {
  id: "p1",
  name: "Major outage",
  addResponders: [{ type: "team", id: "t1", name: "Payments" }],
  addSubscribers: [
    { userId: "u1", name: "Ana" },
    { email: "execs@example.com", name: "execs@example.com" },
  ],
  conferenceBridge: { url: "https://meet.example.com/war-room", dialIn: "+1 555 0100 PIN 42" },
  postToChannel: "Bridge is open",
  statusUpdate: null,
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
};

describe("the play draft", () => {
  it("round-trips a play without the names the API adds", () => {
    expect(bodyOfDraft(draftOfPlay(play))).toEqual({
      name: "Major outage",
      addResponders: [{ type: "team", id: "t1" }],
      addSubscribers: [{ userId: "u1" }, { email: "execs@example.com" }],
      conferenceBridge: { url: "https://meet.example.com/war-room", dialIn: "+1 555 0100 PIN 42" },
      postToChannel: "Bridge is open",
      statusUpdate: null,
    });
  });

  it("sends empty texts as null and a new play with nothing but its name", () => {
    const draft = { ...draftOfPlay(null), name: "  Quiet  ", postToChannel: "   ", statusUpdate: "" };
    expect(bodyOfDraft(draft)).toEqual({
      name: "Quiet",
      addResponders: [],
      addSubscribers: [],
      conferenceBridge: null,
      postToChannel: null,
      statusUpdate: null,
    });
  });

  it("leaves the bridge out when both fields are empty, and sends a dial-in alone for the API to refuse", () => {
    expect(bridgeOf(" ", "")).toBeNull();
    expect(bridgeOf("https://meet.example.com/x ", "")).toEqual({ url: "https://meet.example.com/x" });
    expect(bridgeOf("", "+1 555 0100")).toEqual({ url: "", dialIn: "+1 555 0100" });
  });
});

describe("subscriber targets", () => {
  it("reads the picker's choice", () => {
    expect(targetOfChoice({ choice: "user:u1", email: "" })).toEqual({ userId: "u1" });
    expect(targetOfChoice({ choice: "team:t:1", email: "" })).toEqual({ teamId: "t:1" });
    expect(targetOfChoice({ choice: "email", email: " ops@example.com " })).toEqual({ email: "ops@example.com" });
    expect(targetOfChoice({ choice: "email", email: "  " })).toBeNull();
    expect(targetOfChoice({ choice: "", email: "ops@example.com" })).toBeNull();
  });

  it("reads an incident's subscriber as its target", () => {
    expect(targetOfSubscriber({ kind: "team", teamId: "t1", userId: null })).toEqual({ teamId: "t1" });
    expect(targetOfSubscriber({ kind: "email", email: "a@example.com" })).toEqual({ email: "a@example.com" });
    expect(targetOfSubscriber({ kind: "user", userId: "u1" })).toEqual({ userId: "u1" });
  });

  it("keys addresses case-blind, people and teams by id", () => {
    expect(subscriberKey({ email: "Ops@Example.com" })).toBe(subscriberKey({ email: "ops@example.com " }));
    expect(subscriberKey({ userId: "x" })).not.toBe(subscriberKey({ teamId: "x" }));
  });
});
