const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * Unpadded base64url (RFC 4648 §5), as used in envelopes, blind indexes and signed tokens.
 *
 * @example
 * ```ts
 * toBase64Url(new Uint8Array([251, 255])); // '-_8'
 * ```
 */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes unpadded base64url, or `undefined` for anything else. Non-canonical text (stray bits in the
 * last character) is refused too, so each byte string has exactly one spelling and a changed character
 * always changes the bytes.
 *
 * @example
 * ```ts
 * fromBase64Url('-_8'); // Uint8Array [251, 255]
 * fromBase64Url('-_9'); // undefined (not canonical)
 * ```
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!BASE64URL_ALPHABET.test(text) || text.length % 4 === 1) return undefined;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return toBase64Url(bytes) === text ? bytes : undefined;
}

/**
 * Decodes key material written in standard base64 (padded or not) or base64url, ignoring surrounding spaces.
 *
 * @example
 * ```ts
 * fromAnyBase64(' +/8= '); // Uint8Array [251, 255]
 * ```
 */
export function fromAnyBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  return fromBase64Url(text.trim().replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
}
