export {
  TwilioEmulator,
  type LoggedRequest,
  type TwilioEmulatorOptions,
  type UnexpectedRequest,
  type IncomingCall,
  type PlaceCall,
} from "./twilio-emulator.ts";
export type { FaultRequest, FaultSpec } from "./faults.ts";
export { E164, twilioError, type TwilioErrorBody } from "./resources.ts";
