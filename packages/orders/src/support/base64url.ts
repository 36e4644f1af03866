// `@hakobu/core` keeps its base64url codec private (pii/base64.ts); this mirrors it, canonical check
// included, until core exports it. Not part of the package API.

const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Unpadded base64url (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes unpadded base64url, or `undefined` for anything else. Non-canonical text (stray bits in the last
 * character) is refused, so each byte string has exactly one spelling and a changed character always
 * changes the bytes.
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!BASE64URL_ALPHABET.test(text) || text.length % 4 === 1) return undefined;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return toBase64Url(bytes) === text ? bytes : undefined;
}

/** Decodes key material in standard base64 (padded or not) or base64url, ignoring surrounding spaces. */
export function fromAnyBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  return fromBase64Url(text.trim().replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
}
