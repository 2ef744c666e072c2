// Where a refusal's message goes: beside the field it names, whether the API listed it in `fields` or named it first.
import { describe, expect, it } from "vitest";
import { ApiError } from "../transport/transport.ts";
import { fieldErrorUnder } from "./error-message.tsx";

describe("fieldErrorUnder", () => {
  it("finds a listed field, or one under it", () => {
    const error = new ApiError(400, "REQUEST.INVALID", "invalid", [
      { path: "addSubscribers[1].email", message: "must be an address" },
    ]);
    expect(fieldErrorUnder(error, "addSubscribers")).toBe("must be an address");
    expect(fieldErrorUnder(error, "addSubscribers[1].email")).toBe("must be an address");
    expect(fieldErrorUnder(error, "addSub")).toBeNull();
  });

  it("reads the field a rule's refusal names at the start of its message", () => {
    const error = new ApiError(
      400,
      "BRIDGE.INVALID_DIAL_IN",
      "`conferenceBridge.dialIn`: enter + and the country code",
    );
    expect(fieldErrorUnder(error, "conferenceBridge.dialIn")).toBe("enter + and the country code");
    expect(fieldErrorUnder(error, "conferenceBridge")).toBe("enter + and the country code");
    expect(fieldErrorUnder(error, "name")).toBeNull();
    expect(fieldErrorUnder(new ApiError(409, "PLAY.IN_USE", "The services run this play"), "name")).toBeNull();
    expect(fieldErrorUnder(new Error("`name`: x"), "name")).toBeNull();
  });
});
