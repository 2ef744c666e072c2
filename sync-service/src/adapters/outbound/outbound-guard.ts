// The outbound policy (domain/outbound-policy.ts) applied to real names: every address a host resolves
// to is checked, and a connection is then made only to those checked addresses (`pinnedLookup`), so a
// name that answers a public address to the check and a private one to the connection (DNS rebinding)
// gets nowhere.
import { promises as dns } from "node:dns";
import type { LookupFunction } from "node:net";
import {
  hostAllowed,
  literalAddress,
  normalHost,
  refusalOf,
  type OutboundAllowList,
} from "../../domain/outbound-policy.ts";
import { IntegrationError } from "../../ports/integration-errors.ts";
import type { OutboundPort, ResolvedAddress, VettedDestination } from "../../ports/outbound-port.ts";

/** Every A and AAAA address of a name, as the operating system resolves it (hosts file included, as a connection would). */
export type Resolve = (hostname: string) => Promise<readonly ResolvedAddress[]>;

const systemResolve: Resolve = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

// getaddrinfo cannot be cancelled; a resolver that hangs must not hold a request or a page worker.
const RESOLVE_TIMEOUT_MS = 5_000;

/** The outbound port over `resolve` (the system's resolver unless a test passes one). */
export function outboundGuard(allow: OutboundAllowList, resolve: Resolve = systemResolve): OutboundPort {
  return {
    async vet(url: URL): Promise<VettedDestination> {
      const literal = literalAddress(url.hostname);
      if (literal !== null) {
        const why = refusalOf(literal, allow);
        if (why) throw refused(`${literal} is ${why}, not a public one`);
        return { url, addresses: [{ address: literal, family: literal.includes(":") ? 6 : 4 }] };
      }
      const host = normalHost(url.hostname);
      const addresses = await resolved(host, resolve);
      if (hostAllowed(host, allow)) return { url, addresses };
      for (const { address } of addresses) {
        const why = refusalOf(address, allow);
        // The address itself is not shown: it would map a private network's names for whoever asks.
        if (why) throw refused(`${host} resolves to ${why}, not a public one`);
      }
      return { url, addresses };
    },
  };
}

const refused = (message: string) => new IntegrationError("outbound", "rejected", message);

async function resolved(host: string, resolve: Resolve): Promise<readonly ResolvedAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${RESOLVE_TIMEOUT_MS} ms`)), RESOLVE_TIMEOUT_MS);
  });
  try {
    const addresses = await Promise.race([resolve(host), timeout]);
    if (addresses.length === 0) throw new Error("no address");
    return addresses;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new IntegrationError("outbound", "transient", `${host} does not resolve (${reason})`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A `lookup` for node:net that answers only the vetted addresses, never asking DNS again. Node asks
 * for all addresses when it races IPv4 and IPv6 (`autoSelectFamily`), or for one of a family.
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family =
      options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
    const usable = addresses.filter((a) => family === 0 || a.family === family);
    const first = usable[0];
    if (!first)
      return callback(Object.assign(new Error(`no vetted IPv${family} address`), { code: "ENOTFOUND" }), "", 0);
    if (options.all)
      callback(
        null,
        usable.map((a) => ({ address: a.address, family: a.family })),
      );
    else callback(null, first.address, first.family);
  };
}
