export { IMPORT_EVENT_TYPES, type ImportContext, type MallView } from './build';
export {
  type CsvOrderFormat,
  type CsvOrderRaw,
  type OrderCsvBatch,
  type OrderCsvStream,
  type OrderRows,
  readOrderCsv,
  readOrderCsvStream,
} from './csv-orders';
export { DraftAmounts, DraftLine, DraftShipment, MallOrderDraft } from './draft';
export { FieldReader } from './fields';
export { type PartyFields, readParty } from './party';
export {
  type ImportAction,
  type ImportDecision,
  type ImportPlan,
  importOrders,
  lastMallView,
  planImport,
} from './reconcile';
export type { MallReadCounts, MallReadResult, RejectedRecord } from './result';
