// The mailbox as web pages under <base>/_view/ (read-only):
//   /                     every message, newest first: to, subject, from, when
//   /messages/<n>         one message: its headers, the HTML part in a sandboxed frame, the text part
//   /messages/<n>/html    the HTML part alone, as the frame loads it
// The HTML part is the sender's markup, so it never runs in the mailbox's own page: it is served by itself under a
// Content-Security-Policy sandbox (no script, no forms, no same-origin), framed with the same sandbox, and given
// <base target="_top"> so a link in it (a one-time Acknowledge link) opens in the whole window, as a mail client
// opens it in the browser.
import { ViewError } from "../common/view/forms.ts";
import { markup, safeHref, type Html } from "../common/view/html.ts";
import { documentHtml, timeHtml, type Chrome } from "../common/view/layout.ts";
import { PAGE_CSP, StandInView, ViewPaths } from "../common/view/view-server.ts";
import type { CapturedMail } from "./index.ts";
import { readMail } from "./message.ts";

const FRAME_SANDBOX = "allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";
const HTML_PART_CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; form-action 'none'; frame-ancestors 'self'; sandbox ${FRAME_SANDBOX}`;

/** The text part with its web addresses as links (the text is escaped; only http(s) addresses become links). */
function linkedText(text: string): Html {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return markup`${parts.map((part, i) => {
    const href = i % 2 === 1 ? safeHref(part) : null;
    return href ? markup`<a href="${href}">${part}</a>` : part;
  })}`;
}

/** The HTML part with a <base target="_top"> first in its head. */
function framed(html: string): string {
  const base = '<base target="_top">';
  return /<head\b[^>]*>/i.test(html) ? html.replace(/<head\b[^>]*>/i, (head) => head + base) : base + html;
}

export function mailView(deps: { mails: readonly CapturedMail[]; baseUrl(): string }): StandInView {
  const paths = new ViewPaths(deps.baseUrl);
  const chrome = (): Chrome => ({
    paths,
    vendor: "Mailbox",
    theme: "mail",
    nav: [{ label: "Inbox", href: paths.href("/") }],
  });
  const href = (n: number, rest = "") => paths.href(`/messages/${n}${rest}`);
  const mailOf = (n: string) => {
    const mail = deps.mails[Number(n) - 1];
    if (!mail) throw new ViewError(404, "No such message", `The mailbox has no message ${n}.`);
    return readMail(mail);
  };

  const inbox = (): Html => {
    const row = (mail: CapturedMail, i: number) => {
      const m = readMail(mail);
      return markup`<tr><td><a href="${href(i + 1)}">${m.subject}</a></td><td>${m.to.join(", ")}</td>
        <td>${m.from}</td><td>${timeHtml(m.receivedAt)}</td></tr>`;
    };
    const rows = deps.mails.map(row).reverse();
    return markup`<h1>Inbox</h1>
      ${rows.length === 0 ? markup`<p>No mail yet.</p>` : ""}
      <div class="scroll"><table class="table"><caption class="visually-hidden">Messages, newest first</caption>
        <thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">From</th><th scope="col">Received</th></tr></thead>
        <tbody>${rows}</tbody></table></div>`;
  };

  const message = (n: string): Html => {
    const m = mailOf(n);
    return markup`<p class="meta"><a href="${paths.href("/")}">Inbox</a></p>
      <h1>${m.subject}</h1>
      <dl class="facts card"><dt>From</dt><dd>${m.from}</dd><dt>To</dt><dd>${m.to.join(", ")}</dd>
        <dt>Received</dt><dd>${timeHtml(m.receivedAt)}</dd></dl>
      ${
        m.html === undefined
          ? ""
          : markup`<h2>As sent (HTML)</h2>
        <iframe class="mail-frame" title="The message as its sender formatted it" sandbox="${FRAME_SANDBOX}" src="${href(Number(n), "/html")}"></iframe>`
      }
      ${m.text === undefined ? "" : markup`<h2>Plain text</h2><div class="mail-text">${linkedText(m.text)}</div>`}`;
  };

  return new StandInView({
    chrome,
    home: () => ({ title: "Inbox", main: inbox() }),
    routes: [
      {
        method: "GET",
        pattern: /^\/messages\/(\d+)$/,
        run: ({ params }) => ({
          html: documentHtml(chrome(), mailOf(params[0]!).subject, message(params[0]!)),
          headers: { "Content-Security-Policy": `${PAGE_CSP}; frame-src 'self'` },
        }),
      },
      {
        method: "GET",
        pattern: /^\/messages\/(\d+)\/html$/,
        run: ({ params }) => {
          const html = mailOf(params[0]!).html;
          if (html === undefined) throw new ViewError(404, "No HTML part", "This message is plain text only.");
          return {
            type: "text/html; charset=utf-8",
            body: framed(html),
            headers: { "Content-Security-Policy": HTML_PART_CSP },
          };
        },
      },
    ],
  });
}
