// The handsets' web pages, driven as a browser would: a paged phone shows the text and the call it got, newest
// first; replying ACK from the page makes the stand-in post Twilio's incoming-message webhook to the application,
// signed so twilio.validateRequest accepts it, and the application's answer comes back as a text; a key pressed on
// the call's keypad is posted, signed, to the <Gather>'s action. The application is a tiny HTTP server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readBody } from "../common/http-request.ts";
import { PageClient } from "../common/view/page-client.ts";
import { TwilioEmulator } from "./index.ts";

const PAGED = "+14155550101";
const xml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;
const phone = new TwilioEmulator({ callbackDelayMs: 1 });
const pages = new PageClient(() => phone.baseUrl);
const received: { path: string; params: Record<string, string>; signedRight: boolean }[] = [];
let app: Server;
let appUrl = "";

beforeAll(async () => {
  await phone.start();
  app = createServer(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const signature = String(req.headers["x-twilio-signature"]);
    const signedRight = twilio.validateRequest(phone.authToken, signature, `${appUrl}${req.url}`, params);
    received.push({ path: req.url ?? "", params, signedRight });
    const body = (params.Body ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const reply =
      req.url === "/sms"
        ? `<Message>Got “${body}”. INC-7 acknowledged.</Message>`
        : "<Say>Acknowledged. Goodbye.</Say>";
    res.writeHead(200, { "Content-Type": "text/xml" }).end(xml(reply));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  phone.setSmsUrl(`${appUrl}/sms`);
});
afterAll(async () => {
  await phone.stop();
  app.closeAllConnections();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});
beforeEach(() => {
  received.length = 0;
});

/** Texts or calls PAGED through the REST API, as Firewatch pages. */
async function create(resource: "Messages" | "Calls", params: Record<string, string>): Promise<string> {
  const res = await fetch(`${phone.baseUrl}/2010-04-01/Accounts/${phone.accountSid}/${resource}.json`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${phone.accountSid}:${phone.authToken}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ To: PAGED, From: phone.numbers[0]!, ...params }).toString(),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { sid: string }).sid;
}

const phonePage = () => pages.get(`/_view/phones/${encodeURIComponent(PAGED)}`);

describe("the phone pages", () => {
  it("show a paged phone's text and call, newest first, with what the call said", async () => {
    await create("Messages", { Body: "INC-7 triggered: Checkout failing. Reply ACK or RESOLVE" });
    await create("Calls", {
      Twiml: xml(
        `<Say>INC-7, Checkout failing.</Say><Gather numDigits="1" action="${appUrl}/gather"><Say>Press 4 to acknowledge, 6 to resolve.</Say></Gather>`,
      ),
    });
    const index = await pages.get("/_view/");
    expect(index.html).toContain(`href="/_view/phones/${encodeURIComponent(PAGED)}"`);
    const page = await phonePage();
    expect(page.status).toBe(200);
    const text = page.text;
    expect(text).toContain("Call from +15005550006");
    expect(text).toContain("INC-7, Checkout failing. Press 4 to acknowledge, 6 to resolve.");
    expect(text).toContain("waiting for a key");
    expect(text.indexOf("Call from")).toBeLessThan(text.indexOf("INC-7 triggered: Checkout failing."));
    expect(page.html).toContain('aria-label="Press 4"');
  });

  it("reply ACK: the application gets the signed incoming-message webhook, and its answer arrives as a text", async () => {
    const res = await pages.submit(await phonePage(), "/texts", {}, 'value="ACK"');
    const after = await pages.follow(res);
    expect(after.text).toContain("Sent “ACK”; the application answered HTTP 200.");
    expect(received).toEqual([
      {
        path: "/sms",
        params: expect.objectContaining({
          From: PAGED,
          To: phone.numbers[0],
          Body: "ACK",
          AccountSid: phone.accountSid,
        }),
        signedRight: true,
      },
    ]);
    expect(phone.messagesTo(PAGED).at(-1)).toBe("Got “ACK”. INC-7 acknowledged.");
    expect(after.text.indexOf("Got “ACK”. INC-7 acknowledged.")).toBeLessThan(
      after.text.indexOf("Sent to +15005550006: ACK"),
    );
  });

  it("type a reply, with hostile text shown as text", async () => {
    await pages.follow(await pages.submit(await phonePage(), "/texts", { body: "<script>x</script>" }, 'id="body"'));
    expect(received[0]!.params.Body).toBe("<script>x</script>");
    const page = await phonePage();
    expect(page.html).not.toContain("<script>");
    expect(page.text).toContain("Got “<script>x</script>”.");
  });

  it("press 4 on the call's keypad: posted signed to the Gather's action, and the call goes on", async () => {
    const page = await phonePage();
    const res = await pages.submit(page, "/press", { digits: "4" });
    const after = await pages.follow(res);
    expect(after.text).toContain("Pressed 4.");
    expect(received).toEqual([
      { path: "/gather", params: expect.objectContaining({ Digits: "4", To: PAGED }), signedRight: true },
    ]);
    expect(after.text).toContain("Acknowledged. Goodbye.");
    expect(after.text).toContain("ended");
    expect(after.html).not.toContain('aria-label="Press 4"');
    expect((await pages.submit(page, "/press", { digits: "4" })).status).toBe(409);
  });

  it("take changes only as POSTed forms, and answer what is not there", async () => {
    expect((await pages.get(`/_view/phones/${encodeURIComponent(PAGED)}/texts`)).status).toBe(405);
    expect((await pages.get("/_view/phones/%2B19995550000")).status).toBe(404);
    expect(phone.unexpected()).toEqual([]);
  });
});
