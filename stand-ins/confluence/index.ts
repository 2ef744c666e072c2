export {
  ConfluenceEmulator,
  API_ACCOUNT_ID,
  PERSON_ACCOUNT_ID,
  SPACE_ID,
  SPACE_KEY,
  type AuthMode,
  type ConfluenceEmulatorOptions,
  type PageSnapshot,
  type PageVersionSnapshot,
} from "./confluence-emulator.ts";
export type { FaultRequest, FaultSpec } from "./faults.ts";
export type { AdfDoc, AdfNode, AuthKind, LoggedRequest, UnexpectedRequest } from "./types.ts";
export { adfProblems, adfToText, textToAdf } from "./adf.ts";
