// The pages the stand-ins received for each timed alert, found by the alert's summary (the incident's title, which
// both the Slack DM and the SMS carry), with when each arrived: the stand-in's own receipt time, so polling this does
// not blur the figures.
import { PHONE, SLACK_USER, type PagingRig } from "./paging-rig.ts";

export interface Delivered {
  /** Arrival times (epoch ms) of the DMs and of the texts that carry the alert's summary, oldest first. */
  readonly slack: number[];
  readonly sms: number[];
  /** The incident the pages name (INC-n), when one arrived. */
  readonly incidentKey: string | null;
}

const KEY = /INC-\d+/;

export function deliveries(
  rig: Pick<PagingRig, "slack" | "phone">,
  timed: readonly { summary: string }[],
): Delivered[] {
  const dms = rig.slack.messages({ user: SLACK_USER });
  const texts = rig.phone
    .requests()
    .filter((r) => r.resource === "Messages" && r.outcome === 201 && r.params.To === PHONE)
    .map((r) => ({ text: r.params.Body ?? "", at: r.receivedAt }));
  return timed.map(({ summary }) => {
    const slack = dms.filter((m) => m.text?.includes(summary));
    const sms = texts.filter((t) => t.text.includes(summary));
    const named = KEY.exec(slack[0]?.text ?? sms[0]?.text ?? "");
    return { slack: slack.map((m) => m.postedAt), sms: sms.map((t) => t.at), incidentKey: named?.[0] ?? null };
  });
}
