import type { ConferenceBridge, ResponsePlay, SubscriberKind, SubscriberOrigin } from "../domain/crisis.ts";

export interface StoredSubscriber {
  readonly id: string;
  readonly incidentId: string;
  readonly kind: SubscriberKind;
  /** The user or team id, or the lower-cased address. */
  readonly ref: string;
  readonly origin: SubscriberOrigin;
  readonly addedBy: string;
  readonly createdAt: Date;
}

export interface StatusUpdateRecord {
  readonly id: string;
  readonly incidentId: string;
  readonly message: string;
  readonly authorId: string | null;
  readonly authorName: string;
  /** Set when a play posted it: one per play and incident. */
  readonly playKey: string | null;
  readonly createdAt: Date;
}

export type DeliveryChannel = "email" | "slack";
export type DeliveryState = "pending" | "sending" | "sent" | "failed";

export interface DeliveryRecord {
  readonly id: string;
  readonly statusUpdateId: string;
  readonly channel: DeliveryChannel;
  /** The e-mail address or the Slack member id. */
  readonly recipient: string;
  readonly userId: string | null;
  readonly name: string;
  readonly state: DeliveryState;
  readonly providerId: string | null;
  readonly error: string | null;
  readonly sentAt: Date | null;
}

export interface DeliveryCounts {
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
  readonly pending: number;
}

/** Subscribers, status updates and their deliveries, response plays and what they did on each incident. */
export interface CrisisRepository {
  /** Adds the subscriber unless the incident has it already. @returns the stored one and whether it is new */
  addSubscriber(subscriber: StoredSubscriber): Promise<{ subscriber: StoredSubscriber; added: boolean }>;
  listSubscribers(incidentId: string): Promise<StoredSubscriber[]>;
  /** @returns the removed subscriber, or null when the incident has none with this id */
  removeSubscriber(incidentId: string, id: string): Promise<StoredSubscriber | null>;

  /** @returns false when a play's update (same `playKey`) is there already */
  insertStatusUpdate(update: StatusUpdateRecord): Promise<boolean>;
  getStatusUpdate(id: string): Promise<StatusUpdateRecord | null>;
  /** Newest first, each with how its deliveries stand. */
  listStatusUpdates(incidentId: string): Promise<(StatusUpdateRecord & { deliveries: DeliveryCounts })[]>;
  /** Inserts the deliveries that are not there yet (same update, channel, recipient). @returns the ids inserted */
  insertDeliveries(deliveries: readonly DeliveryRecord[]): Promise<string[]>;
  /** Locks the delivery for the rest of the transaction. */
  lockDelivery(id: string): Promise<DeliveryRecord | null>;
  setDeliveryState(
    id: string,
    change: { state: DeliveryState; providerId?: string | null; error?: string | null; sentAt?: Date | null },
  ): Promise<void>;

  savePlay(play: ResponsePlay): Promise<void>;
  findPlay(tenantId: string, id: string): Promise<ResponsePlay | null>;
  listPlays(tenantId: string): Promise<ResponsePlay[]>;
  deletePlay(tenantId: string, id: string): Promise<void>;
  /** The steps of the play already done on the incident, locked until the transaction ends; [] when never run. */
  lockPlayRun(incidentId: string, playId: string): Promise<string[]>;
  savePlayRun(incidentId: string, playId: string, steps: readonly string[], at: Date): Promise<void>;

  bridgeOf(incidentId: string): Promise<ConferenceBridge | null>;
  setBridge(incidentId: string, bridge: ConferenceBridge | null): Promise<void>;
}
