// What each handset saw, in the order it happened, for the phone's web page (view/): the texts and calls the
// account created to it, the texts it sent to the account (with how the application answered the webhook), and the
// texts the account sent back. The resource records are the emulator's own, so a status callback's update shows.

/** A text a handset sent to one of the account's numbers. */
export interface ReceivedText {
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly at: Date;
  /** The application's HTTP status for the webhook, the network error, or null while it is being posted. */
  answer: number | string | null;
}

export type PhoneEntry =
  | { readonly kind: "sent" | "call"; readonly record: Record<string, unknown> }
  | { readonly kind: "received"; readonly text: ReceivedText };

/** The handset's number of an entry (the other end from the account). */
export function handsetOf(entry: PhoneEntry): string {
  return entry.kind === "received" ? entry.text.from : String(entry.record.to);
}

/** Notes the text `from` sends to `to`, sends it with `send`, and notes how the application answered (or why not). */
export async function sendReceived<T extends { status: number | string }>(
  log: PhoneEntry[],
  text: Omit<ReceivedText, "at" | "answer">,
  send: () => Promise<T>,
): Promise<T> {
  const entry: ReceivedText = { ...text, at: new Date(), answer: null };
  log.push({ kind: "received", text: entry });
  try {
    const answer = await send();
    entry.answer = answer.status;
    return answer;
  } catch (error) {
    entry.answer = (error as Error).message;
    throw error;
  }
}
