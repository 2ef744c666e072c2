import { describe, expect, it } from "vitest";
import type { PageMessage } from "../../ports/notifier-port.ts";
import { pageHtml, pageText } from "./email-messages.ts";

const message: PageMessage = {
  pageId: "page_7",
  incidentId: "inc_42",
  incidentKey: "INC-42",
  title: "Checkout <errors> & rising",
  severity: "SEV1",
  status: "triggered",
  url: "https://fw.example/incidents/INC-42",
  level: 1,
  recipientName: "Ana Lima",
  mayHaveBeenSent: false,
  actionUrls: { acknowledge: "https://fw.example/act/ack?a=1&b=2", resolve: "https://fw.example/act/res" },
  signInUrl: "https://fw.example/signin/sig",
};

describe("page e-mail links", () => {
  it("lists Acknowledge, Resolve and the sign-in link in the text part", () => {
    const text = pageText(message);
    expect(text).toContain("Acknowledge: https://fw.example/act/ack?a=1&b=2\n");
    expect(text).toContain("Resolve: https://fw.example/act/res\n");
    expect(text).toContain("Open in Firewatch (signs you in): https://fw.example/signin/sig\n");
    expect(text).not.toContain("choose Acknowledge");
  });

  it("links them in the HTML part, escaped", () => {
    const html = pageHtml(message);
    expect(html).toContain('<a href="https://fw.example/act/ack?a=1&amp;b=2"><strong>Acknowledge</strong></a>');
    expect(html).toContain(
      '<a href="https://fw.example/signin/sig"><strong>Open in Firewatch (signs you in)</strong></a>',
    );
    expect(html).toContain("Checkout &lt;errors&gt; &amp; rising");
  });

  it("offers only what the status still allows, and the console when there are no links", () => {
    const acknowledged = pageText({ ...message, status: "acknowledged" });
    expect(acknowledged).not.toContain("Acknowledge:");
    expect(acknowledged).toContain("Resolve:");
    const plain = pageText({ ...message, actionUrls: null, signInUrl: null });
    expect(plain).toContain("To acknowledge, open https://fw.example/incidents/INC-42 and choose Acknowledge.");
    expect(pageHtml({ ...message, actionUrls: null, signInUrl: null })).not.toContain("/act/");
  });
});
