// A subset of Block Kit validation, enough to catch malformed messages the way Slack does: chat.postMessage answers
// {ok:false, error:"invalid_blocks", errors:["<reason> [json-pointer:/blocks/0/text]"]}.
// Blocks and limits: https://docs.slack.dev/reference/block-kit/blocks
// Text objects: https://docs.slack.dev/reference/block-kit/composition-objects/text-object
// Actions block (at most 25 elements): https://docs.slack.dev/reference/block-kit/blocks/actions-block
// Button (text plain_text ≤ 75, action_id ≤ 255, value ≤ 2000, url ≤ 3000, style primary|danger):
// https://docs.slack.dev/reference/block-kit/block-elements/button-element
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
  if (isObj(b.accessory) && b.accessory.type === "button") button(c, b.accessory, `${p}/accessory`);
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

/** A string field no longer than `max`, when present. */
function maxString(c: Collector, v: unknown, max: number, pointer: string): void {
  if (v === undefined) return;
  if (typeof v !== "string") return c.add("must be a string", pointer);
  if (v.length > max) c.add(`must be less than ${max + 1} characters`, pointer);
}

function button(c: Collector, e: Obj, p: string): void {
  c.allowOnly(e, ["type", "text", "action_id", "url", "value", "style", "confirm", "accessibility_label"], p);
  textObject(c, e.text, `${p}/text`, { plainOnly: true, max: 75 });
  maxString(c, e.action_id, 255, `${p}/action_id`);
  maxString(c, e.value, 2000, `${p}/value`);
  maxString(c, e.url, 3000, `${p}/url`);
  maxString(c, e.accessibility_label, 75, `${p}/accessibility_label`);
  if (e.style !== undefined && e.style !== "primary" && e.style !== "danger")
    c.add("must be one of primary, danger", `${p}/style`);
}

// The other interactive elements an actions block takes; the emulator accepts them without checking their fields.
const OTHER_ACTION_ELEMENTS = [
  "checkboxes",
  "datepicker",
  "datetimepicker",
  "overflow",
  "radio_buttons",
  "timepicker",
  "workflow_button",
  "static_select",
  "external_select",
  "users_select",
  "conversations_select",
  "channels_select",
  "multi_static_select",
  "multi_external_select",
  "multi_users_select",
  "multi_conversations_select",
  "multi_channels_select",
];

function actions(c: Collector, b: Obj, p: string): void {
  c.allowOnly(b, ["type", "block_id", "elements"], p);
  if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25)
    return c.add("must be an array of 1 to 25 elements", `${p}/elements`);
  const actionIds = new Set<unknown>();
  b.elements.forEach((e, i) => {
    const ep = `${p}/elements/${i}`;
    if (!isObj(e)) return c.add("must be an object", ep);
    if (e.action_id !== undefined && actionIds.has(e.action_id)) c.add("duplicate action_id", `${ep}/action_id`);
    actionIds.add(e.action_id);
    if (e.type === "button") return button(c, e, ep);
    if (!OTHER_ACTION_ELEMENTS.includes(String(e.type))) c.add(`unsupported type: ${String(e.type)}`, `${ep}/type`);
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
  actions,
  // Elements of this are not checked: the emulator only needs to accept them.
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
