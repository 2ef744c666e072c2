/** One address a host name resolved to, as node:dns gives it. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** A URL whose host the outbound policy allowed, with every address it was found to have: connect only to these. */
export interface VettedDestination {
  readonly url: URL;
  readonly addresses: readonly ResolvedAddress[];
}

/**
 * The outbound policy for URLs a tenant configures (docs/security.md, "Outbound URLs"): the host, or every
 * address its name resolves to, must be public unless FIREWATCH_OUTBOUND_ALLOW allows it.
 */
export interface OutboundPort {
  /**
   * @throws IntegrationError of integration `outbound`: rejected when the host is, or resolves to, an address the
   * policy refuses (the message says which kind); transient when the name resolves to no address (now: DNS may
   * answer later).
   */
  vet(url: URL): Promise<VettedDestination>;
}
