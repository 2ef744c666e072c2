// Text for Slack's mrkdwn: escaping, links and lengths.
// mrkdwn control characters: https://docs.slack.dev/messaging/formatting-message-text#escaping. Escaping also keeps a
// title like "<!channel> down" from notifying anyone.
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** In `<url|text>` the URL ends at the first `|` or `>`; percent-encode them so the link stays whole. */
export function linkUrl(url: string): string {
  return url.replace(/[|<> ]/g, (c) => encodeURIComponent(c));
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
