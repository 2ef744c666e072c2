/**
 * What a provider reported later about something it accepted (an SMS or voice provider's status callbacks): a text can be accepted
 * (`queued`) and never reach the phone, a call can ring out unanswered.
 */
export interface DeliveryReport {
  readonly providerId: string;
  /** `pending`: still on its way (sent, ringing); `failed`: it will not reach the person this way. */
  readonly outcome: "delivered" | "failed" | "pending";
  /** What the provider said, for the timeline ("text undelivered (Twilio error 30003: …)"). */
  readonly detail: string;
}
