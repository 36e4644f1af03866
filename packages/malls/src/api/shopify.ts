import { createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import type { HttpRequest, HttpResponse } from '../http/transport';
import { asList, asRecord } from '../pipeline/json-fields';
import type { ShopifyFulfillmentInput } from '../writeback';
import { isSuccess, jsonBody, statusIssue } from './response';

/**
 * Where and as whom the Shopify request builders send (Shopify Admin API設定). The reference documents the
 * `fulfillmentCreate` input but neither the endpoint nor the authorization header, so the host gives both.
 */
export interface ShopifyApiConfig {
  /** The shop's GraphQL Admin API URL. */
  readonly endpoint: string;
  /** The authorization headers of the call; only ever sent, never put in an issue. */
  readonly headers: Readonly<Record<string, string>>;
  /** The mutation text; default {@link SHOPIFY_FULFILLMENT_CREATE_MUTATION}. */
  readonly mutation?: string;
}

/** The `fulfillmentCreate` mutation sent; it asks for the new fulfillment's id and the user errors. */
export const SHOPIFY_FULFILLMENT_CREATE_MUTATION =
  'mutation fulfillmentCreate($fulfillment: FulfillmentInput!) { fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } } }';

/**
 * Builds a GraphQL `fulfillmentCreate` request (発送登録) from an input of `shopifyFulfillmentInputs`.
 *
 * @example
 * ```ts
 * const { inputs } = shopifyFulfillmentInputs(shipped, { fulfillmentOrderIds });
 * const requests = inputs.map(({ input }) => shopifyFulfillmentCreateRequest(config, input));
 * ```
 */
export function shopifyFulfillmentCreateRequest(
  config: ShopifyApiConfig,
  input: ShopifyFulfillmentInput,
): HttpRequest {
  return {
    method: 'POST',
    url: config.endpoint,
    headers: { ...config.headers, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({
      query: config.mutation ?? SHOPIFY_FULFILLMENT_CREATE_MUTATION,
      variables: { fulfillment: input },
    }),
  };
}

/**
 * Reads a `fulfillmentCreate` response: fails on a non-2xx status, on GraphQL `errors` and on the mutation's
 * `userErrors` (`malls.shopify.api_error`, each with its field); otherwise gives the new fulfillment's id.
 *
 * @example
 * ```ts
 * const result = parseShopifyFulfillmentCreateResponse(response);
 * if (result.ok) result.value.fulfillmentId; // 'gid://shopify/Fulfillment/…'
 * ```
 */
export function parseShopifyFulfillmentCreateResponse(
  response: HttpResponse,
): Result<{ fulfillmentId: string | undefined }> {
  const operation = 'Shopify fulfillmentCreate';
  const json = jsonBody(response, operation);
  const issues: Issue[] = [...json.issues];
  if (!isSuccess(response)) issues.unshift(statusIssue(response, operation));
  const body = asRecord(json.value);
  for (const [index, error] of asList(body.errors).entries()) {
    const message = String(asRecord(error).message ?? '');
    issues.push(
      createIssue('malls.shopify.api_error', `${operation}: ${message}`, {
        path: ['errors', index],
        data: { operation, message },
      }),
    );
  }
  const payload = asRecord(asRecord(body.data).fulfillmentCreate);
  for (const [index, error] of asList(payload.userErrors).entries()) {
    const record = asRecord(error);
    const field = asList(record.field).map(String).join('.');
    const message = String(record.message ?? '');
    issues.push(
      createIssue(
        'malls.shopify.api_error',
        `${operation}: ${message}${field === '' ? '' : `（${field}）`}`,
        {
          path: ['data', 'fulfillmentCreate', 'userErrors', index],
          data: { operation, field, message },
        },
      ),
    );
  }
  if (issues.length > 0) return fail(issues);
  const id = asRecord(payload.fulfillment).id;
  return ok({ fulfillmentId: typeof id === 'string' ? id : undefined });
}
