import type { Issue } from '@hakobu/core';
import type { MallOrderDraft } from './draft';

/** A record that did not become an order (取込不可), with where it was and every reason. */
export interface RejectedRecord {
  /** 1-based line of a file row. */
  readonly line?: number;
  /** JSON path of an API record, e.g. `OrderModelList[3]`. */
  readonly path?: string;
  readonly mallOrderNumber?: string;
  readonly issues: Issue[];
}

/**
 * Counts of a read (件数): `records` in (file rows or API records) `=== accepted + rejected`; `orders`
 * is the number of drafts the accepted records made (several rows make one order).
 */
export interface MallReadCounts {
  records: number;
  accepted: number;
  rejected: number;
  orders: number;
}

/** The result of a mall reader: drafts for {@link planImport}, rejected records, file issues, counts. */
export interface MallReadResult {
  readonly drafts: MallOrderDraft[];
  readonly rejected: RejectedRecord[];
  /** File-level issues and warnings on accepted records. */
  readonly issues: Issue[];
  readonly counts: MallReadCounts;
}
