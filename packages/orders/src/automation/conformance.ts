import { HakobuError } from '@hakobu/core';
import type { ConformanceCheck } from '@hakobu/core/testing';
import { generateOrders } from '../testing/generator';
import type { MailPort, WarehousePort } from './ports';

/**
 * A port under test and a way to count what it really delivered (the host's outbox, a fake SMTP, the
 * warehouse's request list).
 */
export interface PortUnderTest<P> {
  readonly port: P;
  deliveries(): Promise<number>;
}

function assert(condition: boolean, check: string, detail: string): void {
  if (!condition) throw new HakobuError('orders.conformance.failed', `${check}: ${detail}`);
}

const order = generateOrders({ seed: 11, count: 1 })[0]!;

function idempotencyChecks<P>(
  what: string,
  create: () => PortUnderTest<P> | Promise<PortUnderTest<P>>,
  call: (port: P, key: string) => Promise<{ ok: boolean }>,
): ConformanceCheck[] {
  const checks: ConformanceCheck[] = [
    {
      name: `${what}: a request is delivered once`,
      async run() {
        const subject = await create();
        const result = await call(subject.port, 'conformance/r/o/v1#0');
        assert(result.ok, this.name, 'the request was refused');
        assert((await subject.deliveries()) === 1, this.name, 'expected exactly one delivery');
      },
    },
    {
      name: `${what}: the same idempotency key is accepted again but not delivered twice`,
      async run() {
        const subject = await create();
        await call(subject.port, 'conformance/r/o/v1#0');
        const again = await call(subject.port, 'conformance/r/o/v1#0');
        assert(again.ok, this.name, 'a repeated key must succeed (the retry after a crash)');
        assert((await subject.deliveries()) === 1, this.name, 'a repeated key was delivered again');
      },
    },
    {
      name: `${what}: different keys are delivered separately`,
      async run() {
        const subject = await create();
        await call(subject.port, 'conformance/r/o/v1#0');
        await call(subject.port, 'conformance/r/o/v1#1');
        assert((await subject.deliveries()) === 2, this.name, 'expected two deliveries');
      },
    },
  ];
  return checks.map((check) => ({ name: check.name, run: check.run.bind(check) }));
}

/**
 * Conformance checks for a host's {@link MailPort} (メール送信ポートの適合検査): delivered once, a repeated
 * idempotency key succeeds without a second mail, different keys are separate mails. Register them with
 * `registerConformance`.
 *
 * @example
 * ```ts
 * registerConformance('SMTP mail port', mailPortChecks(() => ({ port: smtpPort, deliveries: () => outbox.count() })), { describe, it });
 * ```
 */
export function mailPortChecks(
  create: () => PortUnderTest<MailPort> | Promise<PortUnderTest<MailPort>>,
): ConformanceCheck[] {
  return idempotencyChecks('MailPort', create, (port, key) =>
    port.send({
      idempotencyKey: key,
      template: 'orderConfirmation',
      order,
      ruleSetId: 'conformance',
      ruleId: 'r',
    }),
  );
}

/**
 * Conformance checks for a host's {@link WarehousePort} (倉庫出荷依頼ポートの適合検査), as
 * {@link mailPortChecks}.
 *
 * @example
 * ```ts
 * registerConformance('WMS port', warehousePortChecks(() => ({ port: wms, deliveries: () => wms.countRequests() })), { describe, it });
 * ```
 */
export function warehousePortChecks(
  create: () => PortUnderTest<WarehousePort> | Promise<PortUnderTest<WarehousePort>>,
): ConformanceCheck[] {
  return idempotencyChecks('WarehousePort', create, (port, key) =>
    port.requestShipment({
      idempotencyKey: key,
      order,
      shipmentIds: order.shipments.map((shipment) => shipment.id),
      ruleSetId: 'conformance',
      ruleId: 'r',
    }),
  );
}
