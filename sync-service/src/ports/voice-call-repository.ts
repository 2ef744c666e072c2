import type { VoiceCall } from "../domain/call-routing.ts";

/** Incoming calls to services' numbers, by CallSid (live call routing). */
export interface VoiceCallRepository {
  find(callSid: string): Promise<VoiceCall | null>;
  insert(call: VoiceCall): Promise<void>;
  update(call: VoiceCall): Promise<void>;
}
