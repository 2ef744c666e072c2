// The emoji names Firewatch's messages and tests use, shown as Slack shows them. The coloured circles Firewatch puts
// before an incident's status are drawn in CSS, so they show on a machine without an emoji font; the others are
// their characters; any other :name: stays as typed (the view loads no emoji images: no external assets).
import { markup, type Html } from "../../common/view/html.ts";

const CIRCLES: Readonly<Record<string, string>> = {
  red_circle: "red",
  large_yellow_circle: "yellow",
  large_green_circle: "green",
  large_blue_circle: "blue",
};

const EMOJI: Readonly<Record<string, string>> = {
  "+1": "👍",
  thumbsup: "👍",
  "-1": "👎",
  thumbsdown: "👎",
  white_check_mark: "✅",
  heavy_check_mark: "✔️",
  x: "❌",
  warning: "⚠️",
  fire: "🔥",
  rotating_light: "🚨",
  eyes: "👀",
  tada: "🎉",
  pager: "📟",
  pushpin: "📌",
  memo: "📝",
  wave: "👋",
};

/** `:name:` as the view shows it; null when the view does not know the name. */
export function emoji(name: string): Html | null {
  const circle = CIRCLES[name];
  if (circle)
    return markup`<span class="emoji-dot ${circle}" role="img" aria-label="${name.replace(/_/g, " ")}"></span>`;
  const char = EMOJI[name];
  return char === undefined ? null : markup`${char}`;
}

/** Every known :name: in already-escaped text replaced by its emoji. */
export const emojify = (escaped: string): string =>
  escaped.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => emoji(name)?.value ?? whole);
