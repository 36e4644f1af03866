/**
 * The source of new identifiers (ID採番). Library code never calls `Math.random()` or `crypto.randomUUID()`
 * directly; it takes an `IdGenerator`. Hosts pass {@link randomIdGenerator} or their own (a database
 * sequence); tests pass `sequenceIdGenerator` from `@hakobu/core/testing`.
 */
export interface IdGenerator {
  /**
   * A new identifier for a thing of the given kind (`order`, `shipment`, `event` …). Unique across all
   * kinds for the life of the host.
   */
  newId(kind: string): string;
}

/**
 * Identifiers `<kind>_<uuid v4>` from WebCrypto, for hosts.
 *
 * @example
 * ```ts
 * randomIdGenerator.newId('order'); // 'order_1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed'
 * ```
 */
export const randomIdGenerator: IdGenerator = {
  newId: (kind) => `${kind}_${globalThis.crypto.randomUUID()}`,
};
