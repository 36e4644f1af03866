import { createIssue } from '@hakobu/core';
import { type ClickPostOptions, writeClickPostLabels } from '../japanpost/clickpost';
import { writeYupriLabels, type YupriOptions } from '../japanpost/yupri';
import type { LabelBatch } from '../layout/spec';
import { type SagawaOptions, writeEhiden2Labels, writeEhiden3Labels } from '../sagawa/ehiden';
import type { LabelShipment } from '../shipment/label-shipment';
import { type B2Options, writeB2Labels } from '../yamato/b2';

/**
 * The label systems hakobu writes (送り状発行システム): ヤマト B2クラウド, 佐川 e飛伝Ⅱ and e飛伝Ⅲ, 日本郵便 ゆうプリR
 * and クリックポスト.
 */
export const LABEL_SYSTEMS = [
  'yamato-b2',
  'sagawa-ehiden2',
  'sagawa-ehiden3',
  'japanpost-yupri',
  'japanpost-clickpost',
] as const;
/** @see {@link LABEL_SYSTEMS} */
export type LabelSystem = (typeof LABEL_SYSTEMS)[number];

/** Options of {@link writeLabels}: the system and that system's options. */
export type WriteLabelsOptions =
  | ({ readonly system: 'yamato-b2' } & B2Options)
  | ({ readonly system: 'sagawa-ehiden2' | 'sagawa-ehiden3' } & SagawaOptions)
  | ({ readonly system: 'japanpost-yupri' } & YupriOptions)
  | ({ readonly system: 'japanpost-clickpost' } & ClickPostOptions);

/**
 * Writes label files for one label system (送り状データ出力), choosing the writer by `options.system`. A system id
 * hakobu does not know (from a host's settings) rejects every shipment with `carrier.unknown_system` rather
 * than throwing.
 *
 * @example
 * ```ts
 * const batch = writeLabels(shipments, { system: 'yamato-b2', shipper: shop, orders, billingCustomerCode: '0312345678' });
 * ```
 */
export function writeLabels(shipments: readonly LabelShipment[], options: WriteLabelsOptions): LabelBatch {
  switch (options.system) {
    case 'yamato-b2':
      return writeB2Labels(shipments, options);
    case 'sagawa-ehiden2':
      return writeEhiden2Labels(shipments, options);
    case 'sagawa-ehiden3':
      return writeEhiden3Labels(shipments, options);
    case 'japanpost-yupri':
      return writeYupriLabels(shipments, options);
    case 'japanpost-clickpost':
      return writeClickPostLabels(shipments, options);
    default: {
      const system = String((options as { system: unknown }).system);
      const issue = createIssue('carrier.unknown_system', `送り状システム「${system}」には対応していません`, {
        path: ['system'],
        data: { system, known: LABEL_SYSTEMS },
      });
      return {
        system,
        files: [],
        rejected: shipments.map((s) => ({ shipmentId: s.id, slipNumber: s.slipNumber, issues: [issue] })),
        issues: [issue],
        counts: { shipments: shipments.length, written: 0, rejected: shipments.length },
      };
    }
  }
}
