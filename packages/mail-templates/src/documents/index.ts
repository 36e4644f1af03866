export {
  type DocumentOptions,
  type Parcel,
  PICKING_ROWS_PER_PAGE,
  type PickingListOptions,
  renderDeliveryNotes,
  renderPickingList,
  renderShippingInstructions,
} from './documents';
export { checkInvoiceNumber } from './invoice-number';
export type { DocumentBranding, RenderedDocument } from './layout';
export {
  DEFAULT_RECEIPT_PROVISO,
  type IssuedReceipt,
  type IssueReceiptOptions,
  issueReceipt,
  RECEIPT_ADDRESSEE_MAX,
  RECEIPT_PROVISO_MAX,
  ReceiptHonorific,
  ReceiptIssueRecord,
  ReceiptRequest,
} from './receipt';
