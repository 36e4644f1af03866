import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import { importBlindIndexKey, importEncryptionKey, importKeyring, KeyringConfig } from './keys';

const KEY = Buffer.alloc(32, 7);

async function rejection(promise: Promise<unknown>): Promise<HakobuError | undefined> {
  try {
    await promise;
  } catch (error) {
    if (HakobuError.isInstance(error)) return error;
    throw error;
  }
  return undefined;
}

describe('importEncryptionKey', () => {
  it('accepts 32 bytes in standard base64 or base64url, as a non-extractable AES-GCM key', async () => {
    for (const text of [KEY.toString('base64'), KEY.toString('base64url'), ` ${KEY.toString('base64')}\n`]) {
      const key = await importEncryptionKey(text);
      expect(key.algorithm.name).toBe('AES-GCM');
      expect(key.extractable).toBe(false);
    }
  });

  it('refuses other lengths and non-base64, without echoing the key', async () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    const error = await rejection(importEncryptionKey(short));
    expect(error?.code).toBe('pii.invalid_key');
    expect(`${error?.message} ${JSON.stringify(error?.data)}`).not.toContain(short);
    expect((await rejection(importEncryptionKey('not base64!')))?.code).toBe('pii.invalid_key');
  });
});

describe('importKeyring', () => {
  it('imports every key and keeps the current id', async () => {
    const keyring = await importKeyring({
      currentKeyId: 'k2025',
      keys: { k2024: Buffer.alloc(32, 1).toString('base64'), k2025: KEY.toString('base64') },
    });
    expect(keyring.currentKeyId).toBe('k2025');
    expect(Object.keys(keyring.keys).sort()).toEqual(['k2024', 'k2025']);
  });

  it('refuses a current id missing from the keys and ids with dots', async () => {
    expect(
      (await rejection(importKeyring({ currentKeyId: 'k9', keys: { k1: KEY.toString('base64') } })))?.code,
    ).toBe('pii.invalid_keyring');
    expect(
      (await rejection(importKeyring({ currentKeyId: 'k.1', keys: { 'k.1': KEY.toString('base64') } })))
        ?.code,
    ).toBe('pii.invalid_keyring');
    expect(KeyringConfig.safeParse({ currentKeyId: 'k1', keys: { k1: 'x' } }).success).toBe(true);
  });

  it('names the key whose material is bad', async () => {
    const error = await rejection(
      importKeyring({ currentKeyId: 'k1', keys: { k1: KEY.toString('base64'), k0: 'AAAA' } }),
    );
    expect(error).toMatchObject({ code: 'pii.invalid_key', data: { keyId: 'k0' } });
  });
});

describe('importBlindIndexKey', () => {
  it('imports an HMAC-SHA256 signing key of at least 32 bytes', async () => {
    const key = await importBlindIndexKey(Buffer.alloc(64, 3).toString('base64'));
    expect(key.algorithm).toMatchObject({ name: 'HMAC', hash: { name: 'SHA-256' } });
    expect(key.usages).toEqual(['sign']);
    expect((await rejection(importBlindIndexKey(Buffer.alloc(31, 3).toString('base64'))))?.code).toBe(
      'pii.invalid_key',
    );
  });
});
