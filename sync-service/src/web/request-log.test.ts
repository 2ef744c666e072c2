import { describe, expect, it } from "vitest";
import { loggablePath } from "./request-log.ts";

describe("the path a request log line shows", () => {
  it.each([
    ["/api/incidents/INC-42/timeline", "/api/incidents/INC-42/timeline"],
    ["/api/services/6f1d3c2a-0b4e-4a5f-9c8d-7e6f5a4b3c2d", "/api/services/6f1d3c2a-0b4e-4a5f-9c8d-7e6f5a4b3c2d"],
    ["/webhooks/jira", "/webhooks/jira"],
    ["/webhooks/slack/events", "/webhooks/slack/events"],
    // The URL is the credential: Statuspage's token, an integration key, a heartbeat token.
    ["/webhooks/statuspage/s3cret-token", "/webhooks/statuspage/[redacted]"],
    ["/webhooks/alertmanager/0123456789abcdef0123456789abcdef", "/webhooks/alertmanager/[redacted]"],
    ["/webhooks/twilio/voice/0123456789abcdef0123456789abcdef", "/webhooks/twilio/voice/[redacted]"],
    ["/heartbeats/hb_abc", "/heartbeats/[redacted]"],
    // A page's one-time links: the token is the credential.
    ["/act/Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg", "/act/[redacted]"],
    ["/signin/Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg?x=1", "/signin/[redacted]?x=[redacted]"],
    ["/calendar/fw_cal_Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4.ics", "/calendar/[redacted]"],
    // An unknown webhook path is redacted whole: a new route with a key in it is safe before anyone lists it.
    ["/webhooks/newvendor/k3y/extra", "/webhooks/[redacted]/[redacted]/[redacted]"],
    // Credential shapes anywhere else: an integration key, an API token, a JWT.
    ["/api/x/0123456789ABCDEF0123456789abcdef", "/api/x/[redacted]"],
    ["/api/x/fw_abcDEF123", "/api/x/[redacted]"],
    ["/api/x/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "/api/x/[redacted]"],
    ["/webhooks/statuspage/%73ecret", "/webhooks/statuspage/[redacted]"],
  ])("%s → %s", (url, expected) => {
    expect(loggablePath(url)).toBe(expected);
  });

  it("keeps query parameter names and drops every value", () => {
    expect(loggablePath("/api/incidents?status=open&token=s3cret")).toBe(
      "/api/incidents?status=[redacted]&token=[redacted]",
    );
    expect(loggablePath("/api/x?fw%20odd%20name%3F=1&flag")).toBe("/api/x?[redacted]=[redacted]&flag=[redacted]");
    expect(loggablePath("/api/x?")).toBe("/api/x");
  });
});
