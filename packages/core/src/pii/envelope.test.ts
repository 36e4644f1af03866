import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import { decryptField, encryptField, envelopeKeyId, reencryptField } from './envelope';
import { importKeyring, type Keyring } from './keys';
import type { RandomSource } from './random';

const RAW_K1 = Buffer.alloc(32, 1);
const RAW_K2 = Buffer.alloc(32, 2);
const k1Only = await importKeyring({ currentKeyId: 'k1', keys: { k1: RAW_K1.toString('base64') } });
const rotated = await importKeyring({
  currentKeyId: 'k2',
  keys: { k1: RAW_K1.toString('base64'), k2: RAW_K2.toString('base64') },
});
const k2Only = await importKeyring({ currentKeyId: 'k2', keys: { k2: RAW_K2.toString('base64') } });

const FIXED_IV = Uint8Array.from({ length: 12 }, (_, index) => index);
const fixedRandom: RandomSource = (length) => FIXED_IV.slice(0, length);

/** Replaces one character of the base64url part `partIndex` so that its bytes change. */
function flip(envelope: string, partIndex: number, charIndex = 0): string {
  const parts = envelope.split('.');
  const part = parts[partIndex]!;
  const replacement = part[charIndex] === 'A' ? 'B' : 'A';
  parts[partIndex] = part.slice(0, charIndex) + replacement + part.slice(charIndex + 1);
  return parts.join('.');
}

async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return HakobuError.isInstance(error) ? error.code : 'not a HakobuError';
  }
  return undefined;
}

describe('encryptField / decryptField', () => {
  it('round-trips Japanese text, empty text and long text', async () => {
    for (const plaintext of ['山田 太郎', '', '東京都千代田区千代田1-1'.repeat(200), '𠮷野家 🍚']) {
      const envelope = await encryptField(plaintext, k1Only);
      expect(await decryptField(envelope, k1Only)).toEqual({ ok: true, value: plaintext, issues: [] });
    }
  });

  it('writes a compact hk1 envelope that names its key', async () => {
    const envelope = await encryptField('090-1234-5678', k1Only);
    expect(envelope).toMatch(/^hk1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{39}$/);
    expect(envelopeKeyId(envelope)).toBe('k1');
    expect(envelopeKeyId('090-1234-5678')).toBeUndefined();
  });

  it('uses fresh IVs from the default random source', async () => {
    const a = await encryptField('same', k1Only);
    const b = await encryptField('same', k1Only);
    expect(a).not.toBe(b);
  });

  it('is deterministic with an injected random source and matches an independent AES-256-GCM', async () => {
    const options = { associatedData: 'orderer.phone:order_1', random: fixedRandom };
    const envelope = await encryptField('090-1234-5678', k1Only, options);
    expect(await encryptField('090-1234-5678', k1Only, options)).toBe(envelope);

    const cipher = createCipheriv('aes-256-gcm', RAW_K1, FIXED_IV);
    cipher.setAAD(Buffer.from('hk1.k1.orderer.phone:order_1', 'utf8'));
    const sealed = Buffer.concat([
      cipher.update('090-1234-5678', 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    expect(envelope).toBe(
      `hk1.k1.${Buffer.from(FIXED_IV).toString('base64url')}.${sealed.toString('base64url')}`,
    );
  });

  it('reports an unknown key id with the field label and path', async () => {
    const envelope = await encryptField('山田', k1Only);
    const result = await decryptField(envelope, k2Only, { label: '氏名', path: ['orderer', 'name'] });
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({
      code: 'pii.unknown_key',
      severity: 'error',
      path: ['orderer', 'name'],
      data: { keyId: 'k1' },
    });
    expect(result.issues[0]?.message).toContain('「氏名」');
  });

  it.each([
    ['ciphertext', 3, 0],
    ['tag', 3, 37],
    ['IV', 2, 0],
  ])('reports a flipped %s byte as pii.tampered', async (_, partIndex, charIndex) => {
    const envelope = await encryptField('090-1234-5678', k1Only);
    const tampered = flip(envelope, partIndex, charIndex);
    expect(tampered).not.toBe(envelope);
    const result = await decryptField(tampered, k1Only);
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toEqual(['pii.tampered']);
  });

  it('binds associated data: another field or record fails as tampered', async () => {
    const envelope = await encryptField('090-1234-5678', k1Only, { associatedData: 'orderer.phone:order_1' });
    const same = await decryptField(envelope, k1Only, { associatedData: 'orderer.phone:order_1' });
    expect(same).toEqual({ ok: true, value: '090-1234-5678', issues: [] });
    for (const associatedData of ['orderer.phone:order_2', 'destination.phone:order_1', undefined]) {
      const moved = await decryptField(envelope, k1Only, { associatedData, label: '電話番号' });
      expect(moved.issues.map((issue) => issue.code)).toEqual(['pii.tampered']);
      expect(moved.issues[0]?.message).toContain('「電話番号」');
    }
  });

  it('binds the key id: relabelling an envelope with another key id fails as tampered', async () => {
    const bothSame = await importKeyring({
      currentKeyId: 'a',
      keys: { a: RAW_K1.toString('base64'), b: RAW_K1.toString('base64') },
    });
    const envelope = await encryptField('secret', bothSame);
    const relabelled = envelope.replace(/^hk1\.a\./, 'hk1.b.');
    expect((await decryptField(relabelled, bothSame)).issues.map((issue) => issue.code)).toEqual([
      'pii.tampered',
    ]);
  });

  it.each([
    ['plain text', '090-1234-5678'],
    ['empty', ''],
    ['another version', 'hk2.k1.AAECAwQFBgcICQoL.AAAAAAAAAAAAAAAAAAAAAA'],
    ['three parts', 'hk1.k1.AAECAwQFBgcICQoL'],
    ['five parts', 'hk1.k1.AAECAwQFBgcICQoL.AAAAAAAAAAAAAAAAAAAAAA.x'],
    ['a short IV', 'hk1.k1.AAECAwQFBgcI.AAAAAAAAAAAAAAAAAAAAAA'],
    ['padding', 'hk1.k1.AAECAwQFBgcICQoL.AAAAAAAAAAAAAAAAAAAAAA=='],
    ['standard base64', 'hk1.k1.AAECAwQFBgcICQo+.AAAAAAAAAAAAAAAAAAAAAA'],
    ['non-canonical base64url', 'hk1.k1.AAECAwQFBgcICQoL.AAAAAAAAAAAAAAAAAAAAAB'],
    ['a ciphertext shorter than the tag', 'hk1.k1.AAECAwQFBgcICQoL.AAAA'],
    ['a bad key id', 'hk1.k 1.AAECAwQFBgcICQoL.AAAAAAAAAAAAAAAAAAAAAA'],
  ])('reports %s as pii.malformed_envelope', async (_, envelope) => {
    const result = await decryptField(envelope, k1Only, { label: '住所' });
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toEqual(['pii.malformed_envelope']);
    expect(result.issues[0]?.message).toContain('「住所」');
  });

  it('refuses a keyring without its current key and a random source of the wrong length', async () => {
    const broken: Keyring = { currentKeyId: 'k9', keys: k1Only.keys };
    expect(await rejectionCode(encryptField('x', broken))).toBe('pii.missing_current_key');
    expect(await rejectionCode(encryptField('x', k1Only, { random: () => new Uint8Array(8) }))).toBe(
      'pii.invalid_random',
    );
  });

  it('round-trips any text with any associated data', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), fc.string(), async (plaintext, associatedData) => {
        const envelope = await encryptField(plaintext, k1Only, { associatedData });
        expect(await decryptField(envelope, k1Only, { associatedData })).toEqual({
          ok: true,
          value: plaintext,
          issues: [],
        });
      }),
      { numRuns: 50 },
    );
  });
});

describe('reencryptField', () => {
  it('moves an envelope from the old key to the current one, keeping the associated data', async () => {
    const associatedData = 'destination.address:order_7';
    const old = await encryptField('大阪府大阪市北区1-2-3', k1Only, { associatedData });
    const result = await reencryptField(old, rotated, { associatedData, random: fixedRandom });
    if (!result.ok) throw new Error('expected rotation to succeed');
    expect(envelopeKeyId(result.value)).toBe('k2');
    expect(await decryptField(result.value, k2Only, { associatedData })).toEqual({
      ok: true,
      value: '大阪府大阪市北区1-2-3',
      issues: [],
    });
    expect((await decryptField(result.value, k2Only)).issues.map((issue) => issue.code)).toEqual([
      'pii.tampered',
    ]);
  });

  it('returns an envelope already under the current key unchanged', async () => {
    const current = await encryptField('x', rotated);
    expect(await reencryptField(current, rotated)).toEqual({ ok: true, value: current, issues: [] });
  });

  it('reports what decryption reports', async () => {
    const old = await encryptField('x', k1Only);
    expect((await reencryptField(old, k2Only)).issues.map((issue) => issue.code)).toEqual([
      'pii.unknown_key',
    ]);
    expect((await reencryptField(flip(old, 3), rotated)).issues.map((issue) => issue.code)).toEqual([
      'pii.tampered',
    ]);
    expect((await reencryptField('garbage', rotated)).issues.map((issue) => issue.code)).toEqual([
      'pii.malformed_envelope',
    ]);
  });
});
