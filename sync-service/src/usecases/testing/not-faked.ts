/**
 * A fake of port `T` from the methods a test needs: any other method throws, naming itself, instead of
 * quietly returning nothing, so a use case that starts using more of a port fails loudly in its tests.
 */
export function partialFake<T extends object>(name: string, implemented: Partial<T>): T {
  return new Proxy(implemented, {
    get(target, property, receiver) {
      // `then` stays undefined, or awaiting the fake itself would call it.
      if (typeof property === "symbol" || property === "then" || property in target) {
        return Reflect.get(target, property, receiver);
      }
      return () => {
        throw new Error(`${name}.${property} is not faked; add it to sync-service/src/usecases/testing/`);
      };
    },
  }) as T;
}
