import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { NOTHING_ALLOWED, parseAllowList } from "../../domain/outbound-policy.ts";
import { outboundGuard, pinnedLookup, type Resolve } from "./outbound-guard.ts";

const REFUSED = { name: "IntegrationError", integration: "outbound", kind: "rejected" };
const UNRESOLVED = { name: "IntegrationError", integration: "outbound", kind: "transient" };

/** A resolver that knows only these names. */
const zone =
  (names: Record<string, string[]>): Resolve =>
  async (host) => {
    const addresses = names[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("should be refused"),
    (error: Error) => error,
  );

describe("the outbound guard", () => {
  it("refuses localhost, as the system resolves it", async () => {
    const error = await refusal(outboundGuard(NOTHING_ALLOWED).vet(new URL("http://localhost:8080/hook")));
    expect(error).toMatchObject(REFUSED);
    expect(error.message).toBe("localhost resolves to a loopback address, not a public one");
  });

  it("allows a host name the allow-list names, whatever it resolves to", async () => {
    const vetted = await outboundGuard(parseAllowList("localhost").list).vet(new URL("http://localhost:8080/hook"));
    expect(vetted.addresses.map((a) => a.address)).toContain("127.0.0.1");
  });

  it("refuses a name when any one of its addresses is not public", async () => {
    const resolve = zone({
      "mixed.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "10.0.0.7"],
    });
    const error = await refusal(outboundGuard(NOTHING_ALLOWED, resolve).vet(new URL("https://mixed.example.com/")));
    expect(error).toMatchObject(REFUSED);
    // Which private address is not told: that would map the network's names for whoever asks.
    expect(error.message).toBe("mixed.example.com resolves to a private address, not a public one");
  });

  it("allows a name whose every address is public, and answers them all for the connection", async () => {
    const resolve = zone({ "hooks.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"] });
    const vetted = await outboundGuard(NOTHING_ALLOWED, resolve).vet(new URL("https://HOOKS.example.com./p"));
    expect(vetted.addresses).toEqual([
      { address: "93.184.215.14", family: 4 },
      { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 },
    ]);
  });

  it("allows a private address that an allowed range holds", async () => {
    const resolve = zone({ "hooks.corp": ["10.1.2.3"] });
    await expect(
      outboundGuard(parseAllowList("10.1.0.0/16").list, resolve).vet(new URL("http://hooks.corp/")),
    ).resolves.toMatchObject({ addresses: [{ address: "10.1.2.3" }] });
    expect(
      await refusal(outboundGuard(parseAllowList("10.2.0.0/16").list, resolve).vet(new URL("http://hooks.corp/"))),
    ).toMatchObject(REFUSED);
  });

  it.each([
    "http://127.0.0.1/",
    "http://0x7f.1/",
    "http://2130706433/",
    "http://[::ffff:127.0.0.1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00::1]/",
  ])("refuses the literal address in %s without resolving anything", async (url) => {
    const error = await refusal(outboundGuard(NOTHING_ALLOWED, zone({})).vet(new URL(url)));
    expect(error).toMatchObject(REFUSED);
    expect(error.message).toMatch(/ is an? [a-z -]+ address, not a public one$/);
  });

  it("says a name that does not resolve does not", async () => {
    const error = await refusal(outboundGuard(NOTHING_ALLOWED, zone({})).vet(new URL("https://nowhere.invalid/")));
    expect(error).toMatchObject(UNRESOLVED);
    expect(error.message).toBe("nowhere.invalid does not resolve (ENOTFOUND)");
  });
});

describe("pinnedLookup", () => {
  const addresses = [
    { address: "93.184.215.14", family: 4 },
    { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 },
  ];
  const ask = (options: object) =>
    new Promise<unknown>((resolve, reject) =>
      pinnedLookup(addresses)("any.name", options, (error, address, family) =>
        error ? reject(error) : resolve(Array.isArray(address) ? address : { address, family }),
      ),
    );

  it("answers only the vetted addresses, all of them or one of the family asked for", async () => {
    expect((await ask({ all: true })) as LookupAddress[]).toEqual(addresses);
    expect(await ask({ family: 6 })).toEqual({ address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 });
    expect(await ask({})).toEqual({ address: "93.184.215.14", family: 4 });
    await expect(
      new Promise((resolve, reject) =>
        pinnedLookup([addresses[0]!])("x", { family: 6 }, (e, a) => (e ? reject(e) : resolve(a))),
      ),
    ).rejects.toMatchObject({ code: "ENOTFOUND" });
  });
});
