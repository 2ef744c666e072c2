// Reads TwiML as Twilio does: a well-formed XML document (https://www.w3.org/TR/xml/) whose root is <Response>.
// Twilio refuses a document that is not XML with error 12100 "Document parse failure" (an unclosed or misnested
// element, an unquoted attribute, a bare & or <, anything before the XML declaration:
// https://www.twilio.com/docs/api/errors/12100) and one whose root is not Response with 12102
// (https://www.twilio.com/docs/api/errors/12102). Verb names are case-sensitive.

export interface TwimlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly TwimlNode[];
}
export type TwimlNode = TwimlElement | string;

/** A document Twilio would not run, with Twilio's error code. */
export class TwimlError extends Error {
  constructor(
    readonly code: 12100 | 12102,
    message: string,
  ) {
    super(`Twilio error ${code}: ${message}`);
  }
}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The <Response> element of a TwiML document. @throws TwimlError */
export function parseTwiml(text: string): TwimlElement {
  const reader = new Reader(text);
  if (text.startsWith("<?xml")) reader.skipPast("?>");
  reader.skipMisc();
  const root = reader.element();
  reader.skipMisc();
  if (!reader.done()) reader.fail("content after the root element");
  if (root.name !== "Response") throw new TwimlError(12102, `the root element must be Response, not ${root.name}`);
  return root;
}

/** The text inside an element (a <Say>'s words), whitespace runs as one space. */
export function textOf(element: TwimlElement): string {
  return element.children
    .map((c) => (typeof c === "string" ? c : textOf(c)))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  fail(what: string): never {
    throw new TwimlError(12100, `document parse failure at character ${this.at}: ${what}`);
  }

  skipPast(end: string): void {
    const i = this.text.indexOf(end, this.at);
    if (i < 0) this.fail(`no closing ${end}`);
    this.at = i + end.length;
  }

  /** Whitespace and comments between elements. */
  skipMisc(): void {
    for (;;) {
      while (/\s/.test(this.text[this.at] ?? "")) this.at++;
      if (!this.text.startsWith("<!--", this.at)) return;
      this.skipPast("-->");
    }
  }

  element(): TwimlElement {
    if (this.text[this.at] !== "<") this.fail("expected an element");
    this.at++;
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = this.spaces();
      if (this.text.startsWith("/>", this.at)) {
        this.at += 2;
        return { name, attributes, children: [] };
      }
      if (this.text[this.at] === ">") break;
      if (!spaced) this.fail(`expected whitespace, > or /> in <${name}>`);
      const attribute = this.name();
      this.spaces();
      if (this.text[this.at++] !== "=") this.fail(`attribute ${attribute} has no value`);
      this.spaces();
      const quote = this.text[this.at++];
      if (quote !== '"' && quote !== "'") this.fail(`the value of ${attribute} is not quoted`);
      const end = this.text.indexOf(quote, this.at);
      if (end < 0) this.fail(`the value of ${attribute} is not closed`);
      if (attribute in attributes) this.fail(`attribute ${attribute} given twice`);
      attributes[attribute] = this.decode(this.text.slice(this.at, end), "<");
      this.at = end + 1;
    }
    this.at++;
    return { name, attributes, children: this.content(name) };
  }

  private content(name: string): TwimlNode[] {
    const children: TwimlNode[] = [];
    for (;;) {
      if (this.done()) this.fail(`<${name}> is not closed`);
      if (this.text.startsWith("</", this.at)) {
        this.at += 2;
        const closing = this.name();
        this.spaces();
        if (closing !== name || this.text[this.at++] !== ">") this.fail(`</${closing}> does not close <${name}>`);
        return children;
      }
      if (this.text.startsWith("<!--", this.at)) this.skipPast("-->");
      else if (this.text.startsWith("<![CDATA[", this.at)) {
        const start = this.at + 9;
        this.skipPast("]]>");
        children.push(this.text.slice(start, this.at - 3));
      } else if (this.text[this.at] === "<") children.push(this.element());
      else {
        const end = this.text.indexOf("<", this.at);
        const raw = this.text.slice(this.at, end < 0 ? undefined : end);
        children.push(this.decode(raw, ""));
        this.at += raw.length;
      }
    }
  }

  private name(): string {
    NAME.lastIndex = this.at;
    const match = NAME.exec(this.text);
    if (!match) this.fail("expected a name");
    this.at += match[0].length;
    return match[0];
  }

  private spaces(): boolean {
    const start = this.at;
    while (/\s/.test(this.text[this.at] ?? "")) this.at++;
    return this.at > start;
  }

  /** Character data with its entity references replaced; `forbidden` characters may not appear raw. */
  private decode(raw: string, forbidden: string): string {
    if (forbidden && raw.includes(forbidden)) this.fail(`a raw ${forbidden} in an attribute value`);
    return raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(";")) this.fail(`a bare & (write &amp;)`);
      const code = /^#x([0-9a-fA-F]+)$/.exec(ref)?.[1] ?? /^#([0-9]+)$/.exec(ref)?.[1];
      const point = code === undefined ? null : parseInt(code, ref.startsWith("#x") ? 16 : 10);
      if (point !== null)
        return point <= 0x10ffff ? String.fromCodePoint(point) : this.fail(`&${ref}; is no character`);
      if (!(ref in ENTITIES)) this.fail(`unknown entity &${ref};`);
      return ENTITIES[ref]!;
    });
  }
}
