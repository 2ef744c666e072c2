import { describe, expect, it } from "vitest";
import { hostAllowed, literalAddress, NOTHING_ALLOWED, parseAllowList, refusalOf } from "./outbound-policy.ts";

/** The address a URL's host names once WHATWG URL parsing has normalised it, as the policy sees it. */
const hostOf = (url: string) => literalAddress(new URL(url).hostname);

describe("the outbound policy", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.0.9", "a loopback address"],
    ["10.0.0.1", "a private address"],
    ["10.255.255.255", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.254", "a private address"],
    ["192.168.1.1", "a private address"],
    ["169.254.169.254", "a link-local address"],
    ["100.64.0.1", "a shared (carrier-grade NAT) address"],
    ["100.127.255.254", "a shared (carrier-grade NAT) address"],
    ["0.0.0.0", "an unspecified address"],
    ["0.1.2.3", "an unspecified address"],
    ["255.255.255.255", "the broadcast address"],
    ["224.0.0.1", "a multicast address"],
    ["240.0.0.1", "a reserved address"],
    ["192.0.2.10", "a reserved address"],
    ["::1", "a loopback address"],
    ["::", "an unspecified address"],
    ["fc00::1", "a unique local address"],
    ["fd12:3456::1", "a unique local address"],
    ["fe80::1", "a link-local address"],
    ["febf::1", "a link-local address"],
    ["ff02::1", "a multicast address"],
    ["2001:db8::1", "a reserved address"],
    ["::2", "a reserved address"],
    ["4000::1", "a reserved address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:7f00:1", "a loopback address"],
    ["::ffff:169.254.169.254", "a link-local address"],
    ["::ffff:0:a00:1", "a private address"],
    ["2002:7f00:1::", "a loopback address"],
    ["2002:a9fe:a9fe::1", "a link-local address"],
    ["64:ff9b::7f00:1", "a loopback address"],
    ["64:ff9b::a9fe:a9fe", "a link-local address"],
    ["64:ff9b:1::1", "a local-use NAT64 address"],
    // Teredo: server 65.54.227.120, client 127.0.0.1 obfuscated (XOR 0xffff per group).
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "a loopback address"],
  ])("refuses %s as %s", (address, why) => {
    expect(refusalOf(address, NOTHING_ALLOWED)).toBe(why);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "2002:808:808::1",
    "64:ff9b::808:808",
  ])("allows the public address %s", (address) => {
    expect(refusalOf(address, NOTHING_ALLOWED)).toBeNull();
  });

  it.each([
    ["http://127.0.0.1/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://0251.0376.0251.0376/", "169.254.169.254"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[::1]:8080/", "::1"],
    ["http://localhost/", null],
    ["https://hooks.example.com/x", null],
  ])("reads the host of %s as the address %s", (url, address) => {
    expect(hostOf(url)).toBe(address);
    if (address) expect(refusalOf(address, NOTHING_ALLOWED)).not.toBeNull();
  });

  it("allows what FIREWATCH_OUTBOUND_ALLOW names: ranges, single addresses (also as IPv4-mapped IPv6) and host names", () => {
    const { list, refused } = parseAllowList(" 10.1.0.0/16, fd00::/8,127.0.0.1 , hooks.Internal., ,::1");
    expect(refused).toEqual([]);
    expect(refusalOf("10.1.2.3", list)).toBeNull();
    expect(refusalOf("10.2.0.1", list)).toBe("a private address");
    expect(refusalOf("fd00::5", list)).toBeNull();
    expect(refusalOf("127.0.0.1", list)).toBeNull();
    expect(refusalOf("::ffff:127.0.0.1", list)).toBeNull();
    expect(refusalOf("127.0.0.2", list)).toBe("a loopback address");
    expect(refusalOf("::1", list)).toBeNull();
    expect(refusalOf("169.254.169.254", list)).toBe("a link-local address");
    expect(hostAllowed("hooks.internal", list)).toBe(true);
    expect(hostAllowed("HOOKS.internal.", list)).toBe(true);
    expect(hostAllowed("other.internal", list)).toBe(false);
    expect(hostAllowed("sub.hooks.internal", list)).toBe(false);
    expect(hostAllowed("localhost", list)).toBe(false);
  });

  it.each([
    "10.0.0.0/33",
    "10/8",
    "0x7f.1",
    "2130706433",
    "1.2.3",
    "*",
    "*.internal",
    "http://hooks.internal",
    "hooks.internal:8080",
    "user@hooks",
    "a b",
    "fe80::/129",
    "[::1]",
  ])("refuses the allow entry %j", (entry) => {
    expect(parseAllowList(`localhost,${entry}`).refused).toEqual([entry]);
  });
});
