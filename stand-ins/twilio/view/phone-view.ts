// The handsets the Twilio stand-in reaches, as web pages under <base>/_view/:
//   /                                          every phone number texted or called (or that texted the account)
//   /phones/<number>                           one phone: texts and calls, newest first
//   POST /phones/<number>/texts                to, body: the phone texts the account; the application gets Twilio's
//                                              signed incoming-message webhook (X-Twilio-Signature) at the SmsUrl
//   POST /phones/<number>/calls/<sid>/press    digits: a key at the call's <Gather>, posted signed to its action
//   POST /phones/<number>/calls/<sid>/no-key   the <Gather> times out and the call goes on
// Each goes through the emulator's own receiveSms / press / noInput, as the tests drive it.
import { ViewError } from "../../common/view/forms.ts";
import { documentHtml, noticeHtml, withQuery, type Chrome } from "../../common/view/layout.ts";
import { refused, StandInView, ViewPaths, type ViewRequest } from "../../common/view/view-server.ts";
import { handsetOf, type PhoneEntry } from "../phone-log.ts";
import type { Fate } from "../status-reports.ts";
import { phoneMain, phonesMain } from "./phone-page.ts";

/** What the pages need of the emulator (TwilioEmulator has it all). */
export interface Handsets {
  readonly numbers: readonly string[];
  receiveSms(from: string, body: string, to?: string): Promise<{ status: number | string; replies: string[] }>;
  press(callSid: string, digits: string): Promise<string[]>;
  noInput(callSid: string): string[];
  spoken(callSid: string): string[];
  isWaitingForKey(callSid: string): boolean;
}

export interface PhoneViewDeps {
  twilio: Handsets;
  log: readonly PhoneEntry[];
  fates: ReadonlyMap<string, Fate>;
  baseUrl(): string;
}

export function phoneView(deps: PhoneViewDeps): StandInView {
  const { twilio, log } = deps;
  const paths = new ViewPaths(deps.baseUrl);
  const phoneHref = (n: string, action = "") => paths.href(`/phones/${encodeURIComponent(n)}${action}`);
  const chrome = (): Chrome => ({
    paths,
    vendor: "Twilio phones",
    theme: "phone",
    nav: [{ label: "Phones", href: paths.href("/") }],
  });
  const handsets = () => [...new Set(log.map(handsetOf))];
  const numberOf = (n: string) => {
    if (!handsets().includes(n))
      throw new ViewError(404, "No such phone", `Nothing has texted or called ${n}, nor has it texted.`);
    return n;
  };
  const page = (number: string, url: URL, error?: string, status = 200) => ({
    status,
    html: documentHtml(
      chrome(),
      `Phone ${number}`,
      phoneMain(
        {
          number,
          accountNumbers: twilio.numbers,
          log,
          fates: deps.fates,
          spoken: (sid) => (answered(sid) ? twilio.spoken(sid) : undefined),
          isWaiting: (sid) => twilio.isWaitingForKey(sid),
          action: (path) => phoneHref(number, path),
        },
        noticeHtml(url, error),
      ),
    ),
  });
  /** Whether the call was answered: the emulator knows only answered calls. */
  const answered = (sid: string) => {
    try {
      twilio.spoken(sid);
      return true;
    } catch {
      return false;
    }
  };
  const callOf = (number: string, sid: string) => {
    const call = log.find((e) => e.kind === "call" && e.record.sid === sid);
    if (!call || handsetOf(call) !== number) throw new ViewError(404, "No such call", `${number} had no call ${sid}.`);
    if (!answered(sid) || !twilio.isWaitingForKey(sid))
      throw new ViewError(409, "Not waiting for a key", "That call is not waiting at a prompt any more.");
    return sid;
  };

  const text = async ({ params, form, url }: ViewRequest) => {
    const number = numberOf(params[0]!);
    const f = await form();
    const [body, to] = [(f.get("body") ?? "").trim(), f.get("to") ?? twilio.numbers[0]!];
    if (!body) return page(number, url, "Write a message first.", 400);
    if (!twilio.numbers.includes(to)) return page(number, url, `${to} is not one of the account's numbers.`, 400);
    let answer: { status: number | string; replies: string[] };
    try {
      answer = await twilio.receiveSms(number, body, to);
    } catch (err) {
      throw refused(409, "Text not delivered", err);
    }
    const said = typeof answer.status === "number" ? `HTTP ${answer.status}` : answer.status;
    return { redirect: withQuery(phoneHref(number), "done", `Sent “${body}”; the application answered ${said}.`) };
  };
  const key =
    (digits: (f: URLSearchParams) => string | null) =>
    async ({ params, form }: ViewRequest) => {
      const number = numberOf(params[0]!);
      const sid = callOf(number, params[1]!);
      const pressed = digits(await form());
      if (pressed === null) await Promise.resolve(twilio.noInput(sid));
      else if (!/^[0-9*#]{1,20}$/.test(pressed)) throw new ViewError(400, "Not a key", "Press 0–9, * or #.");
      else await twilio.press(sid, pressed);
      return {
        redirect: withQuery(phoneHref(number), "done", pressed === null ? "No key pressed." : `Pressed ${pressed}.`),
      };
    };

  return new StandInView({
    chrome,
    home: () => ({ title: "Phones", main: phonesMain(handsets(), log, (n) => phoneHref(n)) }),
    routes: [
      { method: "GET", pattern: /^\/phones\/([^/]+)$/, run: ({ params, url }) => page(numberOf(params[0]!), url) },
      { method: "POST", pattern: /^\/phones\/([^/]+)\/texts$/, run: text },
      { method: "POST", pattern: /^\/phones\/([^/]+)\/calls\/([^/]+)\/press$/, run: key((f) => f.get("digits") ?? "") },
      { method: "POST", pattern: /^\/phones\/([^/]+)\/calls\/([^/]+)\/no-key$/, run: key(() => null) },
    ],
  });
}
