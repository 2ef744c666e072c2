// Records Statuspage webhook deliveries (answered 200), with the two kinds Statuspage sends told apart.
import { RecordingWebhookReceiver } from "../common/webhook-receiver.ts";

export type { ReceivedWebhook } from "../common/webhook-receiver.ts";

export class StatuspageWebhookReceiver extends RecordingWebhookReceiver {
  constructor() {
    super("/statuspage-webhook", 200);
  }

  /** Incident deliveries (bodies with `incident`), in arrival order. */
  incidents(): Record<string, any>[] {
    return this.received.filter((r) => "incident" in r.json).map((r) => r.json);
  }

  /** Component deliveries (bodies with `component_update`), in arrival order. */
  componentUpdates(): Record<string, any>[] {
    return this.received.filter((r) => "component_update" in r.json).map((r) => r.json);
  }
}
