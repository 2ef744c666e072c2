import { parseJqlDate } from "./jql-dates.ts";
import { readField, type FieldContext, type FieldValue, type JiraIssueLike } from "./jql-fields.ts";
import { tokenize } from "./jql-text.ts";

export interface JqlContext extends FieldContext {
  readonly now: Date;
  /** The site's priority names, highest first; needed for `priority > High`. */
  readonly priorities?: readonly string[];
}

/**
 * One issue as every rule sees it during one event: fields are read, lower-cased and tokenised once,
 * and date operands resolved once, however many rules look at them.
 */
export class IssueView {
  private readonly fields = new Map<string, FieldValue>();
  private readonly dates = new Map<string, Date | null>();
  private readonly tokens = new Map<string, string[]>();
  constructor(
    readonly issue: JiraIssueLike,
    readonly ctx: JqlContext,
  ) {}

  field(name: string): FieldValue {
    let value = this.fields.get(name);
    if (!value) this.fields.set(name, (value = readField(this.issue, name, this.ctx)));
    return value;
  }

  date(text: string): Date | null {
    if (!this.dates.has(text)) this.dates.set(text, parseJqlDate(text, this.ctx.now, this.ctx.timeZone));
    return this.dates.get(text)!;
  }

  words(field: string, body: string): string[] {
    let words = this.tokens.get(field);
    if (!words) this.tokens.set(field, (words = tokenize(body)));
    return words;
  }
}
