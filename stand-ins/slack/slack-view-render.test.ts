// The view's renderers: Slack mrkdwn and Block Kit blocks as HTML, with everything a message says escaped.
import { describe, expect, it } from "vitest";
import { blocksHtml } from "./view/blocks-html.ts";
import { mrkdwn, type Names } from "./view/mrkdwn.ts";

const names: Names = {
  user: (id) => ({ U0ALICE: "Alice Adams", U0FWBOT: "Firewatch" })[id],
  channel: (id) => ({ C0GENERAL: "general" })[id],
};
/** Markup with runs of whitespace (from template formatting) made one space, and none between tags. */
const squash = (h: { value: string }) => h.value.replace(/\s+/g, " ").replace(/>\s+</g, "><").trim();
/** What a person reads: tags dropped, entities decoded. */
const textOf = (h: { value: string }) =>
  squash(h)
    .replace(/<br>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
/** Tags, attributes or URLs a hostile message must never produce. */
const DANGEROUS = /<script|<img|<iframe|<[^>]*\son[a-z]+\s*=|href="(?!https?:|mailto:)/i;

describe("mrkdwn", () => {
  it.each([
    ["*bold*", "<b>bold</b>"],
    ["_italic_", "<i>italic</i>"],
    ["~gone~", "<s>gone</s>"],
    ["`npm test`", "<code>npm test</code>"],
    ["```a *b*\nc```", "<pre>a *b*\nc</pre>"],
    ["> quoted\n> twice\nafter", "<blockquote>quoted<br>twice</blockquote>after"],
    ["one\ntwo", "one<br>two"],
    ["snake_case_name and 2*3*4", "snake_case_name and 2*3*4"],
    [
      "*<https://fw.example/i/7|INC-7>*",
      '<b><a href="https://fw.example/i/7" rel="noopener noreferrer" target="_blank">INC-7</a></b>',
    ],
    [
      "<mailto:a@example.com>",
      '<a href="mailto:a@example.com" rel="noopener noreferrer" target="_blank">mailto:a@example.com</a>',
    ],
    ["hi <@U0ALICE>", 'hi <span class="mention">@Alice Adams</span>'],
    ["<@U0NOBODY|nobody>", '<span class="mention">@nobody</span>'],
    ["in <#C0GENERAL>", 'in <span class="mention">#general</span>'],
    ["<!here> now", '<span class="mention">@here</span> now'],
    [":fire: 10:42:00 :nope:", "🔥 10:42:00 :nope:"],
    [":red_circle: triggered", '<span class="emoji-dot red" role="img" aria-label="red circle"></span> triggered'],
    ["a &lt; b &amp;&amp; c &gt; d", "a &lt; b &amp;&amp; c &gt; d"],
  ])("%j", (source, expected) => {
    expect(mrkdwn(source, names).value).toBe(expected);
  });

  it.each([
    ["entities that spell a tag", "&lt;img src=x onerror=alert(1)&gt;", "<img src=x onerror=alert(1)>"],
    [
      "a script in a link label",
      "<https://x.example|&lt;script&gt;alert(1)&lt;/script&gt;>",
      "<script>alert(1)</script>",
    ],
    ["a javascript: link", "<javascript:alert(1)|click me>", "click me"],
    ["a data: link", "<data:text/html,hi|open>", "open"],
    ["quotes in a link", '<https://x.example/"onmouseover="alert(1)|x>', "x"],
    ["a raw tag from the API", '<b onclick="alert(1)">hi</b>', 'b onclick="alert(1)"hi/b'],
    ["the view's own slot markers", "\uE0000\uE001 *<https://x.example|y>*", "0 y"],
    ["a code span with a tag", "`&lt;script&gt;`", "<script>"],
  ])("shows %s as text", (_, source, seen) => {
    const out = mrkdwn(source, names);
    expect(out.value).not.toMatch(DANGEROUS);
    expect(textOf(out)).toBe(seen);
  });

  it("percent-encodes what a URL cannot hold, so it stays one attribute", () => {
    expect(mrkdwn('<https://x.example/"a b|x>', names).value).toContain('href="https://x.example/%22a%20b"');
  });
});

const button = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "button",
  text: { type: "plain_text", text },
  action_id: `a_${text.toLowerCase()}`,
  ...extra,
});
const target = { action: "/_view/conversations/D0DM00001/click", ts: "1700000000.000100", user: "U0ALICE" };

describe("Block Kit blocks", () => {
  it("lays out a page: header, section text and fields, context, divider, and buttons", () => {
    const out = blocksHtml(
      [
        { type: "header", text: { type: "plain_text", text: "You are paged" } },
        {
          type: "section",
          text: { type: "mrkdwn", text: "*INC-7*: checkout down" },
          fields: [
            { type: "mrkdwn", text: "*Severity*\nSEV1" },
            { type: "plain_text", text: "*not bold*" },
          ],
        },
        { type: "divider" },
        {
          type: "context",
          elements: [
            { type: "mrkdwn", text: "Level 1" },
            { type: "image", image_url: "https://x.example/i.png", alt_text: "i" },
          ],
        },
      ],
      names,
      target,
    );
    const h = squash(out);
    expect(h).toContain('<div class="b-header">You are paged</div>');
    expect(h).toContain('<div class="b-text"><b>INC-7</b>: checkout down</div>');
    expect(h).toContain('<div class="b-field"><b>Severity</b><br>SEV1</div><div class="b-field">*not bold*</div>');
    expect(h).toContain('<hr class="b-divider">');
    expect(h).toContain('<div class="b-context"><span>Level 1</span></div>');
    expect(h).not.toContain("<img");
  });

  it("makes each button a form posting ts, action_id and the viewer to the click address, styled as Slack styles it", () => {
    const h = squash(
      blocksHtml(
        [
          {
            type: "actions",
            elements: [
              button("Acknowledge", { style: "primary" }),
              button("Escalate", { style: "danger" }),
              button("Resolve"),
            ],
          },
        ],
        names,
        target,
      ),
    );
    const forms = h.match(/<form[^>]*>.*?<\/form>/g) ?? [];
    expect(forms).toHaveLength(3);
    expect(forms[0]).toBe(
      '<form class="btn-form" method="post" action="/_view/conversations/D0DM00001/click"><input type="hidden" name="ts" value="1700000000.000100"><input type="hidden" name="action_id" value="a_acknowledge"><input type="hidden" name="user" value="U0ALICE"><button class="btn primary" type="submit">Acknowledge</button></form>',
    );
    expect(forms[1]).toContain('<button class="btn danger" type="submit">Escalate</button>');
    expect(forms[2]).toContain('<button class="btn" type="submit">Resolve</button>');
  });

  it("shows a url button as a link, a section's button beside its text, and inert buttons without a viewer", () => {
    const blocks = [
      {
        type: "section",
        text: { type: "mrkdwn", text: "Runbook" },
        accessory: button("Open", { url: "https://runbooks.example/checkout" }),
      },
      {
        type: "actions",
        elements: [button("Evil", { url: "javascript:alert(1)" }), { type: "static_select", action_id: "s" }],
      },
    ];
    const h = squash(blocksHtml(blocks, names, target));
    expect(h).toContain(
      '<div class="b-accessory"><a class="btn" href="https://runbooks.example/checkout" rel="noopener noreferrer" target="_blank">Open</a></div>',
    );
    expect(h).not.toMatch(DANGEROUS);
    expect(h).toContain("static_select (not shown in this view)");
    const inert = squash(blocksHtml([{ type: "actions", elements: [button("Resolve")] }], names, null));
    expect(inert).toBe(
      '<div class="blocks"><div class="b-actions"><button class="btn" type="button" disabled>Resolve</button></div></div>',
    );
  });

  it("escapes what blocks say: button labels, action ids, plain text, rich text", () => {
    const hostile = '"><script>alert(1)</script>';
    const out = blocksHtml(
      [
        { type: "header", text: { type: "plain_text", text: hostile } },
        {
          type: "actions",
          elements: [{ ...button("x"), action_id: hostile, text: { type: "plain_text", text: hostile } }],
        },
        {
          type: "rich_text",
          elements: [
            {
              type: "rich_text_section",
              elements: [
                { type: "text", text: hostile, style: { bold: true } },
                { type: "link", url: "javascript:x", text: "l" },
              ],
            },
          ],
        },
      ],
      names,
      target,
    );
    expect(out.value).not.toMatch(DANGEROUS);
    expect(out.value).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(textOf(out).split(hostile)).toHaveLength(4);
  });

  it("ends the last text with the edited mark, as Slack does, or puts it after blocks that end otherwise", () => {
    const mark = mrkdwn("(edited)", names);
    const text = [{ type: "section", text: { type: "mrkdwn", text: "Acknowledged by Alice Adams" } }];
    expect(squash(blocksHtml(text, names, null, mark))).toBe(
      '<div class="blocks"><div class="b-section"><div class="b-main"><div class="b-text">Acknowledged by Alice Adams(edited)</div></div></div></div>',
    );
    const buttons = [{ type: "actions", elements: [button("Resolve")] }];
    expect(squash(blocksHtml(buttons, names, null, mark))).toMatch(/<\/div>\(edited\)<\/div>$/);
  });
});
