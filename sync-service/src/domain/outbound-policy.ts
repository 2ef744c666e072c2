// Which addresses a URL a tenant configures may reach (a webhook contact method): public unicast only,
// unless the operator allows more with FIREWATCH_OUTBOUND_ALLOW. Otherwise any admin of any site could
// make Firewatch call its own loopback, the private network it runs in or a cloud metadata service
// (169.254.169.254). Pure: resolving names and connecting are the outbound adapter's.
import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = readonly [Address, number];

/** What FIREWATCH_OUTBOUND_ALLOW lets through although not public: address ranges, and host names (any address they resolve to). */
export interface OutboundAllowList {
  readonly ranges: readonly Range[];
  /** Lower case, without a trailing dot. */
  readonly hosts: ReadonlySet<string>;
}

export const NOTHING_ALLOWED: OutboundAllowList = { ranges: [], hosts: new Set() };

/** Global unicast (RFC 4291 §2.4): ipaddr.js calls every IPv6 address outside its special ranges "unicast", unassigned space included. */
const GLOBAL_UNICAST = ipaddr.parseCIDR("2000::/3");
/** The well-known NAT64 prefix (RFC 6052 §2.1); the local-use one (64:ff9b:1::/48, RFC 8215) leads into a private network. */
const NAT64 = ipaddr.parseCIDR("64:ff9b::/96");

const NAMES: Record<string, string> = {
  unspecified: "an unspecified address",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  carrierGradeNat: "a shared (carrier-grade NAT) address",
  private: "a private address",
  uniqueLocal: "a unique local address",
  rfc6052: "a local-use NAT64 address",
};

/** A host name as written in a URL or an allow entry, compared without case, brackets or a trailing dot. */
export function normalHost(host: string): string {
  return host
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
}

/** The address a URL's host names literally (`127.0.0.1`, `[::1]`), or null for a name. */
export function literalAddress(hostname: string): string | null {
  const host = normalHost(hostname);
  return ipaddr.IPv4.isValidFourPartDecimal(host) || ipaddr.IPv6.isValid(host) ? host : null;
}

/** Whether `hostname` is allowed by name, whatever it resolves to. */
export function hostAllowed(hostname: string, allow: OutboundAllowList): boolean {
  return allow.hosts.has(normalHost(hostname));
}

/**
 * Why `address` may not be reached ("a loopback address"), or null when it may: it is public unicast
 * or in an allowed range. An IPv6 address that carries an IPv4 one (mapped, NAT64, 6to4, Teredo) is
 * judged by the IPv4 address it is delivered to.
 */
export function refusalOf(address: string, allow: OutboundAllowList): string | null {
  const ip = ipaddr.parse(address);
  if (inAllowedRange(ip, allow)) return null;
  const range = rangeOf(ip);
  return range === "unicast" ? null : (NAMES[range] ?? "a reserved address");
}

function inAllowedRange(ip: Address, allow: OutboundAllowList): boolean {
  const candidates: Address[] =
    ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()
      ? [ip, (ip as ipaddr.IPv6).toIPv4Address()]
      : [ip];
  return allow.ranges.some(([net, bits]) => candidates.some((c) => c.kind() === net.kind() && c.match(net, bits)));
}

function rangeOf(ip: Address): string {
  if (ip.kind() === "ipv4") return ip.range();
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  const carried = carriedIPv4(v6, range);
  if (carried) return carried.map((v4) => v4.range()).find((r) => r !== "unicast") ?? "unicast";
  if (range === "unicast" && !v6.match(GLOBAL_UNICAST)) return "reserved";
  return range;
}

/**
 * The IPv4 addresses an IPv6 address is delivered to: mapped and translated (RFC 4291 §2.5.5.2,
 * RFC 6145), NAT64 (RFC 6052), 6to4 (RFC 3056 §2) and Teredo's server and client (RFC 4380 §4, the
 * client obfuscated by XOR); null when it carries none.
 */
function carriedIPv4(ip: ipaddr.IPv6, range: string): ipaddr.IPv4[] | null {
  const p = ip.parts as [number, number, number, number, number, number, number, number];
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (range) {
    case "ipv4Mapped":
    case "rfc6145":
      return [v4(p[6], p[7])];
    case "rfc6052":
      return ip.match(NAT64) ? [v4(p[6], p[7])] : null;
    case "6to4":
      return [v4(p[1], p[2])];
    case "teredo":
      return [v4(p[2], p[3]), v4(p[6] ^ 0xffff, p[7] ^ 0xffff)];
    default:
      return null;
  }
}

/** One allow entry: an address range (`10.0.0.0/8`, `fd00::/8`), one address, or a host name; null when it is none of them. */
export function parseAllowEntry(entry: string): { range: Range } | { host: string } | null {
  if (entry.includes("/")) {
    if (!ipaddr.isValidCIDR(entry)) return null;
    const range = ipaddr.parseCIDR(entry);
    // ipaddr.js also reads `10/8` or `0x0a.0.0.0/8`; an operator's entry is written out in full.
    return range[0].kind() === "ipv6" || ipaddr.IPv4.isValidCIDRFourPartDecimal(entry) ? { range } : null;
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(entry) || ipaddr.IPv6.isValid(entry)) {
    const ip = ipaddr.parse(entry);
    return { range: [ip, ip.kind() === "ipv4" ? 32 : 128] };
  }
  return hostName(entry);
}

// Only what a URL could hold as its host, exactly: WHATWG URL parsing rewrites `0x7f.1` or `1.2.3` as
// addresses, and `*`, ports, paths or user info would never match a host.
function hostName(entry: string): { host: string } | null {
  if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/i.test(entry)) return null;
  try {
    const host = new URL(`http://${entry}/`).hostname;
    return host === entry.toLowerCase() ? { host: normalHost(host) } : null;
  } catch {
    return null;
  }
}

/** Parses the comma-separated entries of FIREWATCH_OUTBOUND_ALLOW (empty ones ignored); `refused` lists the ones that are no entry. */
export function parseAllowList(value: string): { list: OutboundAllowList; refused: string[] } {
  const ranges: Range[] = [];
  const hosts = new Set<string>();
  const refused: string[] = [];
  for (const entry of value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const parsed = parseAllowEntry(entry);
    if (parsed === null) refused.push(entry);
    else if ("range" in parsed) ranges.push(parsed.range);
    else hosts.add(parsed.host);
  }
  return { list: { ranges, hosts }, refused };
}
