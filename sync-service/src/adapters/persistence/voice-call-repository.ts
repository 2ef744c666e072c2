import type { VoiceCall, VoiceCallState } from "../../domain/call-routing.ts";
import type { VoiceCallRepository } from "../../ports/voice-call-repository.ts";
import type { Prisma } from "./generated/client.ts";

type Db = Prisma.TransactionClient;

export function voiceCallRepository(db: Db): VoiceCallRepository {
  return {
    async find(callSid) {
      const row = await db.voiceCall.findUnique({ where: { callSid } });
      return row && { ...row, state: row.state as VoiceCallState };
    },
    async insert(call: VoiceCall) {
      await db.voiceCall.create({ data: { ...call } });
    },
    async update(call: VoiceCall) {
      const { callSid, level, state, answeredBy } = call;
      await db.voiceCall.update({ where: { callSid }, data: { level, state, answeredBy, updatedAt: new Date() } });
    },
  };
}
