// What each kind of contact method's address must look like, checked when it is saved: a page that can
// never be delivered would otherwise be found out only during an incident.
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { AppError } from "./errors.ts";

export const CONTACT_KINDS = ["email", "slack", "sms", "voice", "webhook"] as const;
/** How a person is reached: e-mail, Slack DM, SMS or a voice call (E.164 number), or a signed webhook. */
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** A contact method's `address` that its kind cannot use; the message says what to enter. */
export class InvalidContactAddressDomainError extends AppError {
  readonly kind = "invalid";
  readonly field = "address";
}

const invalid = (message: string, code = "CONTACT.INVALID_ADDRESS") =>
  new InvalidContactAddressDomainError(code, `\`address\`: ${message}`);
const email = z.email();
// Member ids start with U, or W on Enterprise Grid, and may grow longer
// (https://api.slack.com/changelog/2016-08-11-user-id-format-changes).
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,31}$/;

/**
 * The address as it is stored: an e-mail address, a Slack member id, an E.164 number (normalised,
 * `+14155552671`) or an http(s) URL with a host and no credentials (normalised by WHATWG URL rules).
 * Whether a webhook's host may be reached is the outbound policy's, checked after this.
 * @throws InvalidContactAddressDomainError naming what to enter
 */
export function contactAddress(kind: ContactKind, raw: string): string {
  const address = raw.trim();
  const shown = JSON.stringify(address);
  switch (kind) {
    case "email":
      if (!email.safeParse(address).success)
        throw invalid(`${shown} is not an e-mail address; enter one such as ana@example.com.`);
      return address;
    case "slack":
      if (!SLACK_USER_ID.test(address))
        throw invalid(
          `${shown} is not a Slack member ID; enter one such as U012AB3CD (in Slack: the person's profile → ⋮ → Copy member ID).`,
        );
      return address;
    case "sms":
    case "voice":
      return phoneNumber(address, shown);
    case "webhook":
      return webhookUrl(address, shown).href;
  }
}

function phoneNumber(address: string, shown: string): string {
  // Without a leading + the country would be guessed; E.164 names it.
  const phone = address.startsWith("+") ? parsePhoneNumberFromString(address) : undefined;
  if (!phone?.isValid())
    throw invalid(
      `${shown} is not a phone number in international form; enter + then the country code and number, such as +14155552671.`,
    );
  return phone.number;
}

/** An http(s) URL with a host and no user name or password. @throws InvalidContactAddressDomainError */
export function webhookUrl(address: string, shown = JSON.stringify(address)): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw invalid(
      `${shown} is not a URL; enter an http:// or https:// URL such as https://hooks.example.com/firewatch.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw invalid(
      `a webhook must be an http:// or https:// URL, not ${url.protocol}; enter one such as https://hooks.example.com/firewatch.`,
    );
  if (!url.hostname) throw invalid(`${shown} names no host; enter a URL such as https://hooks.example.com/firewatch.`);
  if (url.username || url.password)
    throw invalid(
      "a webhook URL must not hold a user name or password; receivers verify the X-Firewatch-Signature header instead.",
    );
  return url;
}
