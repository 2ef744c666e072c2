// Incident e-mail settings (FIREWATCH_SMTP_*); beside config.test.ts, which is long enough.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("incident e-mail configuration", () => {
  it("is off without FIREWATCH_SMTP_PORT", () => {
    expect(loadConfig({}).emailIntake).toBeNull();
  });

  it("listens where HTTP does, takes 10 MiB, and names addresses after PUBLIC_URL's host by default", () => {
    const config = loadConfig({ FIREWATCH_SMTP_PORT: "2525", HOST: "10.0.0.5", PUBLIC_URL: "https://fw.example.com" });
    expect(config.emailIntake).toEqual({
      port: 2525,
      host: "10.0.0.5",
      maxBytes: 10 * 1024 * 1024,
      domain: "fw.example.com",
    });
  });

  it("takes its own host, limit and domain, and writes an address as a literal domain", () => {
    expect(
      loadConfig({
        FIREWATCH_SMTP_PORT: "25",
        FIREWATCH_SMTP_HOST: "0.0.0.0",
        FIREWATCH_SMTP_MAX_BYTES: "1048576",
        FIREWATCH_SMTP_DOMAIN: "alerts.example.com",
      }).emailIntake,
    ).toEqual({ port: 25, host: "0.0.0.0", maxBytes: 1048576, domain: "alerts.example.com" });
    expect(loadConfig({ FIREWATCH_SMTP_PORT: "0", PUBLIC_URL: "http://192.0.2.7:3000" }).emailIntake?.domain).toBe(
      "[192.0.2.7]",
    );
    expect(loadConfig({ FIREWATCH_SMTP_PORT: "0", PUBLIC_URL: "http://[::1]:3000" }).emailIntake?.domain).toBe(
      "[IPv6:::1]",
    );
  });

  it("refuses a bad port, limit or domain, naming each variable", () => {
    const load = () =>
      loadConfig({
        FIREWATCH_SMTP_PORT: "smtp",
        FIREWATCH_SMTP_MAX_BYTES: "10",
        FIREWATCH_SMTP_DOMAIN: "not a domain",
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/FIREWATCH_SMTP_PORT.*FIREWATCH_SMTP_MAX_BYTES.*FIREWATCH_SMTP_DOMAIN/);
  });
});
