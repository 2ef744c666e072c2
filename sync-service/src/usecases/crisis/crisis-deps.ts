// What crisis communications share: job names and dependencies.
import type { NotifierPort } from "../../ports/notifier-port.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

/** A new incident on a service with a play, a bridge or subscribers: applies them (crisis/open-defaults.ts). */
export const CRISIS_OPENED_TASK = "crisis.opened";
/** A status update: finds who is subscribed now and queues one delivery per person and channel. */
export const STATUS_UPDATE_EXPAND_TASK = "status_update.expand";
/** One status update to one subscriber by one channel. */
export const STATUS_UPDATE_DELIVER_TASK = "status_update.deliver";

export interface CrisisDeps extends UseCaseDeps {
  readonly notifier: NotifierPort;
  /** Base of links back to incidents. */
  readonly publicUrl: string;
}
