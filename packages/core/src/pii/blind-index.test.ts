import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import { blindIndex } from './blind-index';
import { importBlindIndexKey, importEncryptionKey } from './keys';

const RAW = Buffer.alloc(32, 9);
const key = await importBlindIndexKey(RAW.toString('base64'));
const otherKey = await importBlindIndexKey(Buffer.alloc(32, 10).toString('base64'));

async function index(...args: Parameters<typeof blindIndex>): Promise<string> {
  const result = await blindIndex(...args);
  if (!result.ok) throw new Error(`expected an index, got ${result.issues[0]?.code}`);
  return result.value;
}

describe('blindIndex', () => {
  it('is equal for the same phone number in any width and hyphenation', async () => {
    const hyphenated = await index('090-1234-5678', 'phone', key);
    expect(await index('０９０１２３４５６７８', 'phone', key)).toBe(hyphenated);
    expect(hyphenated).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is HMAC-SHA256 of "<kind>:<normalised value>"', async () => {
    const expected = createHmac('sha256', RAW).update('phone:09012345678').digest();
    expect(await index('090-1234-5678', 'phone', key)).toBe(expected.toString('hex'));
    expect(await index('090-1234-5678', 'phone', key, { encoding: 'base64url' })).toBe(
      expected.toString('base64url'),
    );
  });

  it('differs for different numbers, different keys and different kinds', async () => {
    const base = await index('090-1234-5678', 'phone', key);
    expect(await index('090-1234-5679', 'phone', key)).not.toBe(base);
    expect(await index('090-1234-5678', 'phone', otherKey)).not.toBe(base);
    expect(await index('1050011', 'phone', key)).not.toBe(await index('105-0011', 'postalCode', key));
  });

  it('normalises postal codes, e-mails, names and addresses through the text module', async () => {
    expect(await index('〒１０５－００１１', 'postalCode', key)).toBe(
      await index('1050011', 'postalCode', key),
    );
    expect(await index('Taro@Example.COM', 'email', key)).toBe(await index('taro@example.com', 'email', key));
    expect(await index('山田　太郎', 'name', key)).toBe(await index('山田 太郎', 'name', key));
    expect(await index('東京都千代田区千代田１－１', 'address', key)).toBe(
      await index('東京都千代田区千代田1-1', 'address', key),
    );
  });

  it('reports an unreadable postal code and a blank value instead of hashing them', async () => {
    const postal = await blindIndex('105-001', 'postalCode', key, { path: ['destination', 'postalCode'] });
    expect(postal.ok).toBe(false);
    expect(postal.issues[0]).toMatchObject({
      code: 'text.invalid_postal_code',
      path: ['destination', 'postalCode'],
    });
    const blank = await blindIndex('  ', 'phone', key, { path: ['orderer', 'phone'] });
    expect(blank.ok).toBe(false);
    expect(blank.issues[0]).toMatchObject({ code: 'pii.blank_value', path: ['orderer', 'phone'] });
    expect(blank.issues[0]?.message).toContain('電話番号');
  });

  it('throws for an encryption key used as an index key', async () => {
    const aes = await importEncryptionKey(RAW.toString('base64'));
    await expect(blindIndex('090-1234-5678', 'phone', aes)).rejects.toSatisfy(
      (error: unknown) => HakobuError.isInstance(error) && error.code === 'pii.invalid_key',
    );
  });
});
