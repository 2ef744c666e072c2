// A subset of Block Kit validation, enough to catch malformed messages the way Slack does: chat.postMessage answers
// {ok:false, error:"invalid_blocks", errors:["<reason> [json-pointer:/blocks/0/text]"]}.
// Blocks and limits: https://docs.slack.dev/reference/block-kit/blocks
// Text objects: https://docs.slack.dev/reference/block-kit/composition-objects/text-object
type Obj = Record<string, unknown>;

const MAX_BLOCKS = 50;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

class Collector {
  readonly errors: string[] = [];
  add(reason: string, pointer: string): void {
    this.errors.push(`${reason} [json-pointer:${pointer}]`);
  }
  allowOnly(obj: Obj, allowed: readonly string[], pointer: string): void {
    for (const key of Object.keys(obj))
      if (!allowed.includes(key)) this.add(`invalid additional property: ${key}`, pointer);
  }
}

function textObject(c: Collector, v: unknown, pointer: string, opts: { plainOnly?: boolean; max: number }): void {
  if (!isObj(v)) return c.add("must be an object", pointer);
  if (v.type !== "plain_text" && v.type !== "mrkdwn")
    return c.add(`unsupported type: ${String(v.type)}`, `${pointer}/type`);
  if (opts.plainOnly && v.type !== "plain_text") return c.add("must be plain_text", `${pointer}/type`);
  c.allowOnly(v, v.type === "plain_text" ? ["type", "text", "emoji"] : ["type", "text", "verbatim"], pointer);
  if (typeof v.text !== "string") return c.add("missing required field: text", pointer);
  if (v.text.length === 0) c.add("must be more than 0 characters", `${pointer}/text`);
  if (v.text.length > opts.max) c.add(`must be less than ${opts.max + 1} characters`, `${pointer}/text`);
}

function section(c: Collector, b: Obj, p: string): void {
  c.allowOnly(b, ["type", "block_id", "text", "fields", "accessory", "expand"], p);
  if (b.text === undefined && b.fields === undefined) return c.add("must provide text or fields", p);
  if (b.text !== undefined) textObject(c, b.text, `${p}/text`, { max: 3000 });
  if (b.fields === undefined) return;
  if (!Array.isArray(b.fields) || b.fields.length === 0 || b.fields.length > 10)
    return c.add("must be an array of 1 to 10 text objects", `${p}/fields`);
  b.fields.forEach((f, i) => textObject(c, f, `${p}/fields/${i}`, { max: 2000 }));
}

function context(c: Collector, b: Obj, p: string): void {
  c.allowOnly(b, ["type", "block_id", "elements"], p);
  if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10)
    return c.add("must be an array of 1 to 10 elements", `${p}/elements`);
  b.elements.forEach((e, i) => {
    if (isObj(e) && e.type === "image") return;
    textObject(c, e, `${p}/elements/${i}`, { max: 3000 });
  });
}

const VALIDATORS: Record<string, (c: Collector, b: Obj, p: string) => void> = {
  section,
  context,
  header: (c, b, p) => {
    c.allowOnly(b, ["type", "block_id", "text"], p);
    textObject(c, b.text, `${p}/text`, { plainOnly: true, max: 150 });
  },
  divider: (c, b, p) => c.allowOnly(b, ["type", "block_id"], p),
  markdown: (c, b, p) => {
    c.allowOnly(b, ["type", "block_id", "text"], p);
    if (typeof b.text !== "string" || b.text.length === 0) c.add("missing required field: text", p);
  },
  // Elements of these are not checked: the emulator only needs to accept them.
  actions: (c, b, p) => void (Array.isArray(b.elements) || c.add("missing required field: elements", p)),
  rich_text: (c, b, p) => void (Array.isArray(b.elements) || c.add("missing required field: elements", p)),
  image: (c, b, p) =>
    void (
      ((typeof b.image_url === "string" || isObj(b.slack_file)) && typeof b.alt_text === "string") ||
      c.add("missing required field: image_url or alt_text", p)
    ),
};

/** Slack's reasons the blocks are invalid; empty when they are fine. */
export function validateBlocks(blocks: unknown[]): string[] {
  const c = new Collector();
  if (blocks.length > MAX_BLOCKS) c.add(`must contain at most ${MAX_BLOCKS} items`, "/blocks");
  blocks.forEach((block, i) => {
    const p = `/blocks/${i}`;
    if (!isObj(block)) return c.add("must be an object", p);
    const validate = typeof block.type === "string" ? VALIDATORS[block.type] : undefined;
    if (!validate) return c.add(`unsupported type: ${String(block.type)}`, `${p}/type`);
    if (block.block_id !== undefined && (typeof block.block_id !== "string" || block.block_id.length > 255))
      c.add("must be a string of at most 255 characters", `${p}/block_id`);
    validate(c, block, p);
  });
  return c.errors;
}
