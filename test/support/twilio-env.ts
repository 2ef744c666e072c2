import type { TwilioEmulator } from "../../stand-ins/twilio/index.ts";

/** The service's Twilio settings for a started emulator: its account, token, first number and API address. */
export function twilioEnv(twilio: TwilioEmulator): Record<string, string> {
  return {
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: twilio.numbers[0]!,
    TWILIO_API_URL: twilio.baseUrl,
  };
}
