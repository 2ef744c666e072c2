import type { Request } from "express";
import { AppError } from "../../domain/errors.ts";
import { isSignedByTwilio } from "../../formats/twilio/twilio-status.ts";
import { UnauthenticatedWebError } from "../errors.ts";
import { readForm } from "../middleware/input-guard.ts";

class TwilioNotConfiguredWebError extends AppError {
  readonly kind = "unavailable";
}

/** Reads the form of one of Twilio's requests once its signature checks out. */
export type SignedForm = (req: Request, what: string) => Record<string, string>;

/**
 * Twilio signs each request in X-Twilio-Signature over the URL it called, so it is checked against PUBLIC_URL + the
 * path: behind a proxy, PUBLIC_URL must be the address Twilio calls
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-security).
 * The reader throws 503 without TWILIO_AUTH_TOKEN, 401 for a signature that does not match.
 */
export function signedFormReader(publicUrl: string, authToken: string | null): SignedForm {
  return (req, what) => {
    if (!authToken)
      throw new TwilioNotConfiguredWebError(
        "WEBHOOK.NOT_CONFIGURED",
        `Set TWILIO_AUTH_TOKEN to accept Twilio's ${what}.`,
      );
    const form = readForm(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), what);
    const params = Object.fromEntries(form);
    if (!isSignedByTwilio(authToken, req.get("x-twilio-signature"), `${publicUrl}${req.originalUrl}`, params)) {
      throw new UnauthenticatedWebError(
        "WEBHOOK.TWILIO_SIGNATURE_MISMATCH",
        "X-Twilio-Signature does not match this URL (as PUBLIC_URL + path) and body signed with TWILIO_AUTH_TOKEN.",
      );
    }
    return params;
  };
}
