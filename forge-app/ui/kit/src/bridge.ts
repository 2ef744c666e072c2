// The resolver calls every module makes: @forge/bridge's `invoke`, made to always answer (answer.ts).
import { invoke } from "@forge/bridge";
import { answering, type Invoke } from "./answer";

export const invokeResolver: Invoke = answering(invoke as Invoke);
