import { createHmac } from 'node:crypto';
import { HakobuError, importEncryptionKey } from '@hakobu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfJapanDay } from './deadline';
import {
  importSupportTokenKeyring,
  issueSupportToken,
  type SupportTokenKeyring,
  SupportTokenRefusal,
  verifySupportToken,
} from './token';

const raw = (byte: number) => Buffer.alloc(32, byte);
const k1Only = await importSupportTokenKeyring({
  currentKeyId: 'k1',
  keys: { k1: raw(1).toString('base64') },
});
const rotated = await importSupportTokenKeyring({
  currentKeyId: 'k2',
  keys: { k1: raw(1).toString('base64'), k2: raw(2).toString('base64url') },
});
const k1Retired = await importSupportTokenKeyring({
  currentKeyId: 'k2',
  keys: { k2: raw(2).toString('base64') },
});

const NOW = new Date('2026-12-01T10:00:00+09:00');
const EXPIRES = endOfJapanDay('2026-12-10');
const input = { orderId: 'o0000001', purpose: 'changeRequest', expiresAt: EXPIRES } as const;
const token = await issueSupportToken(input, k1Only);

async function refusal(
  text: string,
  keys: SupportTokenKeyring = k1Only,
  now = NOW,
): Promise<string | undefined> {
  const result = await verifySupportToken(text, { keys, now });
  return result.ok ? undefined : result.issues[0]?.code;
}

async function thrownCode(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return HakobuError.isInstance(error) ? error.code : 'not a HakobuError';
  }
  return undefined;
}

describe('issueSupportToken / verifySupportToken', () => {
  it('round-trips the order id, purpose, expiry in Japan time and key id', async () => {
    expect(token).toMatch(/^hst1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifySupportToken(token, { keys: k1Only, now: NOW })).toEqual({
      ok: true,
      value: {
        orderId: 'o0000001',
        purpose: 'changeRequest',
        expiresAt: '2026-12-11T00:00:00.000+09:00',
        keyId: 'k1',
      },
      issues: [],
    });
  });

  it('signs "hst1.<keyId>.<payload>" with HMAC-SHA256, and the payload holds only id, expiry and purpose', () => {
    const [version, keyId, payload, mac] = token.split('.') as [string, string, string, string];
    const expected = createHmac('sha256', raw(1))
      .update(`${version}.${keyId}.${payload}`)
      .digest('base64url');
    expect(mac).toBe(expected);
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toEqual([
      'o0000001',
      EXPIRES.getTime(),
      'changeRequest',
    ]);
  });

  it('refuses a token with any one character changed', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    const codes = new Set<string | undefined>();
    for (let index = 0; index < token.length; index += 1) {
      for (const replacement of [alphabet[(alphabet.indexOf(token[index]!) + 1) % alphabet.length]!, '=']) {
        const tampered = token.slice(0, index) + replacement + token.slice(index + 1);
        codes.add(await refusal(tampered));
      }
    }
    expect(codes.has(undefined)).toBe(false);
    expect([...codes].sort()).toEqual([
      'orders.support_token.malformed',
      'orders.support_token.tampered',
      'orders.support_token.unknown_key',
    ]);
  });

  it('refuses any edit, cut or extension (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: token.length - 1 }),
        fc.nat({ max: 3 }),
        fc.string({ minLength: 1, maxLength: 3 }),
        async (at, cut, inserted) => {
          const edited = token.slice(0, at) + inserted + token.slice(at + cut);
          // Spaces around a token pasted from a mail are forgiven by design; anything else is an edit.
          fc.pre(edited.trim() !== token);
          expect(await refusal(edited)).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives malformed and tampered tokens the same Japanese message, so the page helps no one probe', async () => {
    const malformed = await verifySupportToken('hst1.k1.x', { keys: k1Only, now: NOW });
    const mac = token.slice(-43);
    const other = mac[0] === 'A' ? 'B' : 'A';
    const tampered = await verifySupportToken(`${token.slice(0, -43)}${other}${mac.slice(1)}`, {
      keys: k1Only,
      now: NOW,
    });
    expect(tampered.issues[0]?.code).toBe('orders.support_token.tampered');
    expect(malformed.issues[0]?.message).toBe(tampered.issues[0]?.message);
    expect(malformed.issues[0]?.message).toContain('URL');
  });

  it.each([
    ['empty', ''],
    ['plain text', 'hello'],
    ['another version', token.replace(/^hst1/, 'hst2')],
    ['three parts', token.split('.').slice(0, 3).join('.')],
    ['five parts', `${token}.x`],
    ['a padded MAC', `${token}=`],
    ['a bad key id', token.replace('.k1.', '.k 1.')],
  ])('refuses %s as malformed', async (_, text) => {
    expect(await refusal(text)).toBe('orders.support_token.malformed');
  });

  it('refuses a correctly signed payload that is not [orderId, expiry, purpose] as malformed', async () => {
    for (const payload of ['{}', '["o1",1]', '["o1",-5,"view"]', 'not json']) {
      const signed = `hst1.k1.${Buffer.from(payload).toString('base64url')}`;
      const mac = createHmac('sha256', raw(1)).update(signed).digest('base64url');
      expect(await refusal(`${signed}.${mac}`)).toBe('orders.support_token.malformed');
    }
  });

  it('honours the expiry in Japan time: valid through 23:59:59.999 JST of the day, refused from 00:00 JST', async () => {
    expect(EXPIRES.toISOString()).toBe('2026-12-10T15:00:00.000Z');
    expect(await refusal(token, k1Only, new Date('2026-12-10T23:59:59.999+09:00'))).toBeUndefined();
    expect(await refusal(token, k1Only, new Date('2026-12-11T00:00:00+09:00'))).toBe(
      'orders.support_token.expired',
    );
    // 2026-12-10 23:00 in UTC is already 12-11 08:00 in Japan.
    expect(await refusal(token, k1Only, new Date('2026-12-10T23:00:00Z'))).toBe(
      'orders.support_token.expired',
    );
    const expired = await verifySupportToken(token, { keys: k1Only, now: new Date('2026-12-12T00:00:00Z') });
    expect(expired.issues[0]).toMatchObject({
      data: { orderId: 'o0000001', expiresAt: '2026-12-11T00:00:00.000+09:00' },
    });
    expect(expired.issues[0]?.message).toContain('有効期限');
  });

  it('takes the expiry as a Date or as ISO text with an offset, compared as instants', async () => {
    const fromText = await issueSupportToken({ ...input, expiresAt: '2026-12-10T15:00:00Z' }, k1Only);
    expect(fromText).toBe(token);
    const short = await issueSupportToken({ ...input, expiresAt: '2026-12-01T10:00:00.001+09:00' }, k1Only);
    expect(await refusal(short)).toBeUndefined();
    expect(await refusal(short, k1Only, new Date('2026-12-01T01:00:00.001Z'))).toBe(
      'orders.support_token.expired',
    );
  });

  it('accepts old key ids after rotation until the key is retired', async () => {
    expect(await refusal(token, rotated)).toBeUndefined();
    const fresh = await issueSupportToken(input, rotated);
    expect(fresh.startsWith('hst1.k2.')).toBe(true);
    const verified = await verifySupportToken(fresh, { keys: rotated, now: NOW });
    expect(verified.ok && verified.value.keyId).toBe('k2');
    expect(await refusal(fresh, k1Retired)).toBeUndefined();
    const retired = await verifySupportToken(token, { keys: k1Retired, now: NOW });
    expect(retired.issues).toEqual([
      expect.objectContaining({ code: 'orders.support_token.unknown_key', data: { keyId: 'k1' } }),
    ]);
  });

  it('refuses a token relabelled with another key id, even when that key exists', async () => {
    expect(await refusal(token.replace(/^hst1\.k1\./, 'hst1.k2.'), rotated)).toBe(
      'orders.support_token.tampered',
    );
  });

  it('refuses another purpose and a closed order, after checking the signature and expiry', async () => {
    const base = { keys: k1Only, now: NOW };
    expect((await verifySupportToken(token, { ...base, purpose: 'message' })).issues[0]?.code).toBe(
      'orders.support_token.wrong_purpose',
    );
    expect((await verifySupportToken(token, { ...base, purpose: 'changeRequest' })).ok).toBe(true);
    for (const orderStatus of ['completed', 'cancelled']) {
      const closed = await verifySupportToken(token, { ...base, orderStatus });
      expect(closed.issues[0]?.code).toBe('orders.support_token.order_closed');
      expect(closed.issues[0]?.message).toContain('完了');
    }
    expect((await verifySupportToken(token, { ...base, orderStatus: 'shipped' })).ok).toBe(true);
    expect(
      (await verifySupportToken(token, { ...base, orderStatus: 'shipped', closedStatuses: ['shipped'] })).ok,
    ).toBe(false);
    const late = await verifySupportToken(token, {
      ...base,
      now: new Date('2027-01-01T00:00:00Z'),
      orderStatus: 'completed',
    });
    expect(late.issues.map((issue) => issue.code)).toEqual(['orders.support_token.expired']);
  });

  it('lists every refusal code in SupportTokenRefusal', () => {
    expect(SupportTokenRefusal.options).toHaveLength(6);
  });

  it('throws for bad input and for a key that cannot sign, as a programmer error', async () => {
    expect(await thrownCode(() => issueSupportToken({ ...input, orderId: '' }, k1Only))).toBe(
      'orders.support_token.invalid_input',
    );
    expect(await thrownCode(() => issueSupportToken({ ...input, purpose: 'Change Request' }, k1Only))).toBe(
      'orders.support_token.invalid_input',
    );
    expect(
      await thrownCode(() => issueSupportToken({ ...input, expiresAt: '2026-12-10T15:00:00' }, k1Only)),
    ).toBe('orders.support_token.invalid_input');
    const aes = { currentKeyId: 'k1', keys: { k1: await importEncryptionKey(raw(1).toString('base64')) } };
    expect(await thrownCode(() => issueSupportToken(input, aes))).toBe('orders.support_token.invalid_key');
    expect(await thrownCode(() => verifySupportToken(token, { keys: aes, now: NOW }))).toBe(
      'orders.support_token.invalid_key',
    );
    expect(await thrownCode(() => issueSupportToken(input, { currentKeyId: 'k9', keys: {} }))).toBe(
      'orders.support_token.missing_current_key',
    );
  });
});

describe('importSupportTokenKeyring', () => {
  it('refuses short or non-base64 key material without echoing it, and a current id not among the keys', async () => {
    const short = Buffer.alloc(16, 5).toString('base64');
    try {
      await importSupportTokenKeyring({ currentKeyId: 'k1', keys: { k1: short } });
      expect.unreachable();
    } catch (error) {
      expect(HakobuError.isInstance(error) && error.code).toBe('orders.support_token.invalid_key');
      expect(JSON.stringify(error) + String(error)).not.toContain(short);
    }
    expect(
      await thrownCode(() => importSupportTokenKeyring({ currentKeyId: 'k1', keys: { k1: 'not base64!' } })),
    ).toBe('orders.support_token.invalid_key');
    expect(
      await thrownCode(() =>
        importSupportTokenKeyring({ currentKeyId: 'k2', keys: { k1: raw(1).toString('base64') } }),
      ),
    ).toBe('orders.support_token.invalid_keyring');
  });

  it('imports non-extractable HMAC-SHA256 keys that sign and verify', () => {
    const key = rotated.keys.k2!;
    expect(key.algorithm).toMatchObject({ name: 'HMAC', hash: { name: 'SHA-256' } });
    expect(key.extractable).toBe(false);
    expect([...key.usages].sort()).toEqual(['sign', 'verify']);
  });
});
