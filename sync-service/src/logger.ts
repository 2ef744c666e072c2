import { pino, type Logger } from "pino";

export type { Logger };

/** JSON logs on stdout (pino); `level` comes from config. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "firewatch" }, timestamp: pino.stdTimeFunctions.isoTime });
}
