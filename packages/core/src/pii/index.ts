export { fromAnyBase64, fromBase64Url, toBase64Url } from './base64';
export {
  BlindIndexEncoding,
  BlindIndexKind,
  type BlindIndexOptions,
  blindIndex,
} from './blind-index';
export {
  type DecryptFieldOptions,
  decryptField,
  ENVELOPE_VERSION,
  type EncryptFieldOptions,
  encryptField,
  envelopeKeyId,
  type ReencryptFieldOptions,
  reencryptField,
} from './envelope';
export {
  importBlindIndexKey,
  importEncryptionKey,
  importKeyring,
  KeyId,
  type Keyring,
  KeyringConfig,
  type WebCryptoKey,
} from './keys';
export { defaultRandomSource, type RandomSource } from './random';
