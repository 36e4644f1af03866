import type { Result } from '@hakobu/core';
import type { Order } from '../model';

/**
 * A mail to send for an order (メール送信依頼): the mail event key and the order; the host composes it (for
 * example with `@hakobu/mail-templates`, as its `event`) and sends it. `idempotencyKey` is the same every time
 * the same action is retried.
 */
export interface MailRequest {
  readonly idempotencyKey: string;
  /** The mail event key (メール種別, e.g. `followUp`), recorded on `axes.mailsSent` once sent. */
  readonly template: string;
  readonly order: Order;
  readonly ruleSetId: string;
  readonly ruleId: string;
}

/** A shipping request to the warehouse (出荷依頼): the order and the open slips it covers. */
export interface ShipmentRequest {
  readonly idempotencyKey: string;
  readonly order: Order;
  readonly shipmentIds: readonly string[];
  readonly ruleSetId: string;
  readonly ruleId: string;
}

/** What a port returns on success: an optional reference (message id, request number) for the audit trail. */
export interface PortReceipt {
  readonly reference?: string;
}

/**
 * Mail port (メール送信ポート): composes and sends one mail. Contract: a request whose `idempotencyKey`
 * was already accepted is not sent again and returns success (the earlier receipt). That is what makes a
 * retry after a crash between sending and recording send nothing twice. Failures are returned as issues or
 * thrown; either way the action is retried next run.
 */
export interface MailPort {
  send(request: MailRequest): Promise<Result<PortReceipt>>;
}

/**
 * Warehouse port (倉庫出荷依頼ポート): requests shipment of open slips. Same idempotency contract as
 * {@link MailPort}.
 */
export interface WarehousePort {
  requestShipment(request: ShipmentRequest): Promise<Result<PortReceipt>>;
}
