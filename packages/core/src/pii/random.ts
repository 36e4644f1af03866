/**
 * A source of cryptographically strong random bytes (乱数源): returns `length` fresh bytes. Encryption
 * takes one so tests can inject fixed bytes; hosts leave it to {@link defaultRandomSource}.
 */
export type RandomSource = (length: number) => Uint8Array;

/**
 * WebCrypto's `crypto.getRandomValues`: the only randomness in hakobu, used for the IVs of
 * field encryption. Never replace it with a predictable source outside tests: an IV repeated under the
 * same key breaks AES-GCM.
 *
 * @example
 * ```ts
 * const iv = defaultRandomSource(12); // 12 random bytes
 * ```
 */
export const defaultRandomSource: RandomSource = (length) =>
  globalThis.crypto.getRandomValues(new Uint8Array(length));
