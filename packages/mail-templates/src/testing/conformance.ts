import { HakobuError } from '@hakobu/core';
import type { ConformanceCheck } from '@hakobu/core/testing';
import type { MailMessage } from '../compose/definitions';
import type { MailTransport, SendLog, SendLogEntry } from '../send/send';

function assert(condition: boolean, check: string, detail: string): void {
  if (!condition) throw new HakobuError('mail.conformance.failed', `${check}: ${detail}`);
}

function message(key: string, to: string): MailMessage {
  return {
    to: [to],
    cc: [],
    bcc: [],
    from: 'shop@example.jp',
    replyTo: null,
    subject: `確認 ${key}`,
    text: '本文',
    headers: {},
    idempotencyKey: key,
    meta: { orderId: 'o1', event: 'custom', templateId: 'check', device: 'pc' },
  };
}

/** Options of {@link mailTransportChecks}. */
export interface MailTransportCheckOptions {
  /** An address the adapter's backend refuses, when the host has one: adds the refusal check. */
  readonly refusedAddress?: string;
}

/**
 * Conformance checks for a host's {@link MailTransport} adapter (送信ポート適合確認), each on a transport from
 * `create`: a message returns a non-empty id, two messages return different ids, and `refusedAddress` gives a
 * failure with issues instead of a throw. Run them with `registerConformance` of `@hakobu/core/testing`.
 *
 * @example
 * ```ts
 * registerConformance('my SES transport', mailTransportChecks(() => createSesTransport(sandbox)), { describe, it });
 * ```
 */
export function mailTransportChecks(
  create: () => MailTransport | Promise<MailTransport>,
  options: MailTransportCheckOptions = {},
): ConformanceCheck[] {
  const checks: ConformanceCheck[] = [
    {
      name: 'send returns a non-empty message id',
      run: async () => {
        const result = await (await create()).send(message('check-1', 'taro@example.jp'));
        assert(result.ok && result.value.id !== '', 'send', 'no message id was returned');
      },
    },
    {
      name: 'two messages get different ids',
      run: async () => {
        const transport = await create();
        const a = await transport.send(message('check-2', 'taro@example.jp'));
        const b = await transport.send(message('check-3', 'hanako@example.jp'));
        assert(a.ok && b.ok && a.value.id !== b.value.id, 'send', 'the two ids are not distinct');
      },
    },
  ];
  const refused = options.refusedAddress;
  if (refused !== undefined) {
    checks.push({
      name: 'a refused address is a failure with issues, not a throw',
      run: async () => {
        const result = await (await create()).send(message('check-4', refused));
        assert(!result.ok && result.issues.length > 0, 'send', 'the refusal was not reported as issues');
      },
    });
  }
  return checks;
}

function entry(key: string): SendLogEntry {
  return {
    idempotencyKey: key,
    messageId: `msg-${key}`,
    orderId: 'o1',
    event: 'shipped',
    templateId: 'shipped-pc',
    to: ['taro@example.jp'],
    subject: `確認 ${key}`,
    at: '2026-11-28T10:00:00.000+09:00',
  };
}

/**
 * Conformance checks for a host's {@link SendLog} adapter (送信履歴の適合確認), each on an empty log from `create`:
 * a key is reserved once, also when many reservers race (the property that keeps a message from being sent
 * twice); a completed key reads back and stays claimed; a released key can be reserved again; a pending key
 * has no entry; `release` never frees a completed key; `entries` lists completed keys only.
 *
 * @example
 * ```ts
 * registerConformance('my SQL send log', sendLogChecks(() => createSqlSendLog(freshSchema())), { describe, it });
 * ```
 */
export function sendLogChecks(create: () => SendLog | Promise<SendLog>): ConformanceCheck[] {
  return [
    {
      name: 'reserves a key once',
      run: async () => {
        const log = await create();
        assert(await log.reserve('k1'), 'reserve', 'a new key was not reserved');
        assert(!(await log.reserve('k1')), 'reserve', 'a reserved key was reserved again');
      },
    },
    {
      name: 'lets exactly one of 50 concurrent reservers claim a key',
      run: async () => {
        const log = await create();
        const claims = await Promise.all(Array.from({ length: 50 }, () => log.reserve('race')));
        const won = claims.filter(Boolean).length;
        assert(won === 1, 'reserve', `${won} reservers claimed the same key`);
      },
    },
    {
      name: 'reads back a completed entry, keeps its key claimed, and lists it',
      run: async () => {
        const log = await create();
        await log.reserve('k2');
        await log.complete(entry('k2'));
        const found = await log.find('k2');
        assert(JSON.stringify(found) === JSON.stringify(entry('k2')), 'find', `got ${JSON.stringify(found)}`);
        assert(!(await log.reserve('k2')), 'reserve', 'a sent key was reserved again');
        await log.release('k2');
        assert(!(await log.reserve('k2')), 'release', 'release freed a key that was already sent');
        const keys = (await log.entries()).map((e) => e.idempotencyKey);
        assert(JSON.stringify(keys) === '["k2"]', 'entries', `got ${JSON.stringify(keys)}`);
      },
    },
    {
      name: 'has no entry for a pending key and frees a released one for a retry',
      run: async () => {
        const log = await create();
        await log.reserve('k3');
        assert((await log.find('k3')) === undefined, 'find', 'a pending key has an entry');
        assert((await log.entries()).length === 0, 'entries', 'a pending key is listed');
        await log.release('k3');
        assert(await log.reserve('k3'), 'release', 'a released key could not be reserved again');
        assert((await log.find('unknown')) === undefined, 'find', 'an unknown key has an entry');
      },
    },
  ];
}
