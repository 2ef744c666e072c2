// Incident e-mail in the console, in Chromium against the real service on PGlite with FIREWATCH_SMTP_PORT set:
// the service's page shows its address, and a message sent there (real SMTP, nodemailer) is an incident whose
// timeline names E-mail as the source.
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("incident e-mail in the console", () => {
  const w = useConsoleWorld(() => ({
    env: { FIREWATCH_SMTP_PORT: "0", FIREWATCH_SMTP_HOST: "127.0.0.1", FIREWATCH_SMTP_DOMAIN: "alerts.example.com" },
  }));

  it("shows a service's e-mail address, and the incident a message to it opens", async () => {
    const service = await w.call("POST", "/api/services", { name: "Mail intake" });
    const address = `${service.integrationKey}@alerts.example.com`;
    const { page, errors } = await w.open(`/services/${service.id}`);
    const integration = page.getByRole("region", { name: "Integration" });
    await seen(integration.getByRole("heading", { name: "E-mail" }), "the e-mail section");
    await seen(integration.getByText(address, { exact: true }), "the service's address");

    await nodemailer
      .createTransport({ host: "127.0.0.1", port: w.svc.smtp!.port, secure: false, ignoreTLS: true })
      .sendMail({ from: "Nagios <nagios@example.com>", to: address, subject: "[SEV2] Mailed in", text: "db-1" });
    await page.goto(`${w.svc.url}/incidents/INC-1`);
    await seen(page.getByRole("heading", { level: 1, name: /Mailed in/ }), "the incident the message opened");
    await seen(page.getByRole("article", { name: "E-mail: incident.triggered" }), "the e-mail's timeline entry");
    expect(errors).toEqual([]);
  });
});
