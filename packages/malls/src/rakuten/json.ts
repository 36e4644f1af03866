import { createIssue, type Issue } from '@hakobu/core';
import type { MallOrderDraft } from '../pipeline/draft';
import { asList, asRecord, jsonReader, pathText } from '../pipeline/json-fields';
import type { MallReadResult, RejectedRecord } from '../pipeline/result';
import { type RakutenOrderSource, type RakutenReadOptions, rakutenDraft } from './order';

/** Parses JSON text, or passes an already parsed value through; a syntax error becomes an issue. */
export function parseJsonInput(input: unknown, code: string): { value: unknown; issues: Issue[] } {
  if (typeof input !== 'string') return { value: input, issues: [] };
  try {
    return { value: JSON.parse(input), issues: [] };
  } catch (error) {
    return {
      value: undefined,
      issues: [createIssue(code, `応答をJSONとして読めませんでした: ${String(error)}`)],
    };
  }
}

function orderSource(model: unknown, path: (string | number)[]): RakutenOrderSource {
  const order = asRecord(model);
  const label = `注文番号 ${String(order.orderNumber ?? '空')}`;
  const at = (...more: (string | number)[]) => [...path, ...more];
  const issues: Issue[] = [];
  const reader = (value: unknown, where: (string | number)[]) => jsonReader(value, where, label, issues);
  return {
    order: reader(order, path),
    orderer: reader(order.OrdererModel, at('OrdererModel')),
    settlement: reader(order.SettlementModel, at('SettlementModel')),
    point: reader(order.PointModel, at('PointModel')),
    wrappings: [
      reader(order.WrappingModel1, at('WrappingModel1')),
      reader(order.WrappingModel2, at('WrappingModel2')),
    ],
    packages: asList(order.PackageModelList).map((pkg, p) => {
      const pkgRecord = asRecord(pkg);
      const pkgPath = at('PackageModelList', p);
      return {
        pkg: reader(pkgRecord, pkgPath),
        sender: reader(pkgRecord.SenderModel ?? pkgRecord.senderModel, [...pkgPath, 'SenderModel']),
        items: asList(pkgRecord.ItemModelList).map((item, i) => {
          const itemPath = [...pkgPath, 'ItemModelList', i];
          const skus = asList(asRecord(item).SkuModelList);
          return {
            item: reader(item, itemPath),
            sku: reader(skus[0], [...itemPath, 'SkuModelList', 0]),
          };
        }),
        shippings: asList(pkgRecord.ShippingModelList).map((shipping, s) =>
          reader(shipping, [...pkgPath, 'ShippingModelList', s]),
        ),
      };
    }),
    issues,
  };
}

/**
 * Reads a 楽天 RMS getOrder response (楽天ペイ受注API getOrder, version 7) into drafts: every
 * `OrderModelList[i]` is one record; records in = orders + rejected, each rejection with its JSON path.
 * `MessageModelList` errors are reported as issues. Accepts the JSON text or the parsed object.
 *
 * @example
 * ```ts
 * const response = await transport.send(rakutenGetOrderRequest(credentials, ['123456-20261128-0000000001']));
 * const read = readRakutenGetOrder(response.body, { shopId: 'myshop' });
 * const plan = planImport(read.drafts, lookup, { clock, ids });
 * ```
 */
export function readRakutenGetOrder(input: unknown, options: RakutenReadOptions): MallReadResult {
  const parsed = parseJsonInput(input, 'malls.rakuten.invalid_json');
  const issues: Issue[] = [...parsed.issues];
  const drafts: MallOrderDraft[] = [];
  const rejected: RejectedRecord[] = [];
  const response = asRecord(parsed.value);
  for (const [index, message] of asList(response.MessageModelList).entries()) {
    const m = asRecord(message);
    if (m.messageType === 'ERROR' || m.messageType === 'WARNING') {
      issues.push(
        createIssue(
          `malls.rakuten.message`,
          `楽天からのメッセージ${m.orderNumber === undefined ? '' : ` (注文番号 ${String(m.orderNumber)})`}: ${String(m.messageCode ?? '')} ${String(m.message ?? '')}`,
          {
            severity: m.messageType === 'ERROR' ? 'error' : 'warning',
            path: ['MessageModelList', index],
            data: { messageCode: m.messageCode, orderNumber: m.orderNumber },
          },
        ),
      );
    }
  }
  const models = asList(response.OrderModelList);
  for (const [index, model] of models.entries()) {
    const path: (string | number)[] = ['OrderModelList', index];
    const src = orderSource(model, path);
    let draft: MallOrderDraft | undefined;
    try {
      draft = rakutenDraft(src, options, model, { path: pathText(path) });
    } catch (error) {
      src.order.error('orderNumber', `を読めませんでした: ${String(error)}`);
    }
    const recordIssues = src.issues;
    if (draft === undefined || recordIssues.some((issue) => issue.severity === 'error')) {
      const number = asRecord(model).orderNumber;
      const record: RejectedRecord =
        typeof number === 'string'
          ? { path: pathText(path), mallOrderNumber: number, issues: recordIssues }
          : { path: pathText(path), issues: recordIssues };
      rejected.push(record);
      continue;
    }
    issues.push(...recordIssues);
    drafts.push(draft);
  }
  return {
    drafts,
    rejected,
    issues,
    counts: {
      records: models.length,
      accepted: drafts.length,
      rejected: rejected.length,
      orders: drafts.length,
    },
  };
}
