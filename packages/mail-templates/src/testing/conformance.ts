import type { MailMessage } from '../compose/definitions';
import type { MailTransport } from '../send/send';

/** One named check of a {@link MailTransport} adapter; throws an Error when the adapter fails it. */
export interface TransportCheck {
  readonly name: string;
  run(transport: MailTransport): Promise<void>;
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

/**
 * Runner-agnostic checks for a host's {@link MailTransport} adapter (送信ポート適合確認): a message returns a
 * non-empty id, two messages return different ids, and `refusedAddress` (an address the adapter's backend
 * refuses, when the host has one) gives a failure with issues instead of a throw.
 *
 * @example
 * ```ts
 * for (const check of transportChecks()) test(check.name, () => check.run(myTransport));
 * ```
 */
export function transportChecks(options: { readonly refusedAddress?: string } = {}): TransportCheck[] {
  const checks: TransportCheck[] = [
    {
      name: 'send returns a non-empty message id',
      async run(transport) {
        const result = await transport.send(message('check-1', 'taro@example.jp'));
        if (!result.ok || result.value.id === '') throw new Error('send did not return an id');
      },
    },
    {
      name: 'two messages get different ids',
      async run(transport) {
        const a = await transport.send(message('check-2', 'taro@example.jp'));
        const b = await transport.send(message('check-3', 'hanako@example.jp'));
        if (!a.ok || !b.ok || a.value.id === b.value.id) throw new Error('ids are not distinct');
      },
    },
  ];
  const refused = options.refusedAddress;
  if (refused !== undefined) {
    checks.push({
      name: 'a refused address is a failure with issues, not a throw',
      async run(transport) {
        const result = await transport.send(message('check-4', refused));
        if (result.ok || result.issues.length === 0) throw new Error('refusal was not reported as issues');
      },
    });
  }
  return checks;
}
