import { createIssue, fail, ok, type Result } from '@hakobu/core';
import type { MailPort, MailRequest, PortReceipt, ShipmentRequest, WarehousePort } from './ports';

/**
 * Decides, per call, whether an in-memory port fails: `'fail'` returns an issue, `'throw'` throws (a
 * transport crashing), anything else succeeds. `call` counts every call from 1, retries included.
 */
export type FailurePlan<R> = (request: R, call: number) => 'fail' | 'throw' | 'ok';

/** An in-memory port that honours idempotency keys and records what it delivered (テスト用ポート). */
export interface RecordingPort<R> {
  /** Requests delivered, once per idempotency key, in order. */
  readonly delivered: R[];
  /** Every call, including duplicates and failures. */
  readonly calls: R[];
}

function recording<R extends { readonly idempotencyKey: string }>(
  prefix: string,
  plan: FailurePlan<R> | undefined,
): RecordingPort<R> & { handle(request: R): Result<PortReceipt> } {
  const delivered: R[] = [];
  const calls: R[] = [];
  const receipts = new Map<string, string>();
  return {
    delivered,
    calls,
    handle(request) {
      calls.push(request);
      const earlier = receipts.get(request.idempotencyKey);
      if (earlier !== undefined) return ok({ reference: earlier });
      const decision = plan?.(request, calls.length) ?? 'ok';
      if (decision === 'throw') throw new Error(`${prefix}: transport down`);
      if (decision === 'fail') {
        return fail([
          createIssue(`test.${prefix}.failed`, `${prefix}が一時的に失敗しました`, {
            data: { idempotencyKey: request.idempotencyKey },
          }),
        ]);
      }
      const reference = `${prefix}-${delivered.length + 1}`;
      delivered.push(request);
      receipts.set(request.idempotencyKey, reference);
      return ok({ reference });
    },
  };
}

/**
 * An in-memory {@link MailPort} (テスト用メール送信): delivers once per idempotency key and can be told
 * to fail or throw on chosen calls, to test retries and crashes.
 *
 * @example
 * ```ts
 * const mail = createInMemoryMailPort((_, call) => (call === 3 ? 'throw' : 'ok'));
 * await runAutomation(ids, ruleSets, { ...options, mail });
 * mail.delivered.length; // mails actually sent
 * ```
 */
export function createInMemoryMailPort(
  plan?: FailurePlan<MailRequest>,
): MailPort & RecordingPort<MailRequest> {
  const port = recording<MailRequest>('mail', plan);
  return {
    delivered: port.delivered,
    calls: port.calls,
    send: async (request) => port.handle(request),
  };
}

/**
 * An in-memory {@link WarehousePort} (テスト用倉庫): accepts once per idempotency key, with the same
 * failure plan as {@link createInMemoryMailPort}.
 *
 * @example
 * ```ts
 * const warehouse = createInMemoryWarehouse();
 * warehouse.delivered.map((request) => request.shipmentIds);
 * ```
 */
export function createInMemoryWarehouse(
  plan?: FailurePlan<ShipmentRequest>,
): WarehousePort & RecordingPort<ShipmentRequest> {
  const port = recording<ShipmentRequest>('warehouse', plan);
  return {
    delivered: port.delivered,
    calls: port.calls,
    requestShipment: async (request) => port.handle(request),
  };
}
