import { fail, ok, type Result } from '@hakobu/core';
import type { HttpRequest, HttpResponse } from '../http/transport';
import type { AmazonConfirmShipmentBody } from '../writeback';
import { errorListIssues, isSuccess, jsonBody, statusIssue } from './response';

/** The SP-API endpoint for Japan (Far East region). */
export const AMAZON_SP_API_FE_ENDPOINT = 'https://sellingpartnerapi-fe.amazon.com';

/** Where and as whom the Amazon request builders send (Amazon SP-API設定). */
export interface AmazonApiConfig {
  /** Default {@link AMAZON_SP_API_FE_ENDPOINT}. */
  readonly endpoint?: string;
  /**
   * The authorization headers of the call, from the host's Login with Amazon client (the reference does not
   * document SP-API authorization, so hakobu does not build them). Only ever sent, never put in an issue.
   */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Builds a confirmShipment request (出荷通知, SP-API Orders v0):
 * `POST /orders/v0/orders/{orderId}/shipmentConfirmation` with a body of `amazonConfirmShipmentBodies`.
 *
 * @example
 * ```ts
 * const { bodies } = amazonConfirmShipmentBodies(shipped, { marketplaceId, today: '2026-11-28' });
 * const requests = bodies.map((entry) => amazonConfirmShipmentRequest(config, entry));
 * ```
 */
export function amazonConfirmShipmentRequest(
  config: AmazonApiConfig,
  entry: { readonly orderId: string; readonly body: AmazonConfirmShipmentBody },
): HttpRequest {
  return {
    method: 'POST',
    url: `${config.endpoint ?? AMAZON_SP_API_FE_ENDPOINT}/orders/v0/orders/${encodeURIComponent(entry.orderId)}/shipmentConfirmation`,
    headers: { ...config.headers, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(entry.body),
  };
}

/**
 * Reads a confirmShipment response: any 2xx is success; otherwise the status, and each entry of an
 * `errors: [{ code, message }]` body as `malls.amazon.api_error`.
 *
 * @example
 * ```ts
 * const result = parseAmazonConfirmShipmentResponse(response);
 * ```
 */
export function parseAmazonConfirmShipmentResponse(response: HttpResponse): Result<{ status: number }> {
  if (isSuccess(response)) return ok({ status: response.status });
  const json = jsonBody(response, 'Amazon confirmShipment');
  return fail([
    statusIssue(response, 'Amazon confirmShipment'),
    ...json.issues,
    ...errorListIssues(json.value, 'Amazon confirmShipment', 'malls.amazon.api_error'),
  ]);
}
