/**
 * `@hakobu/mail-templates`: customer mail and printed documents for a Japanese shop from safe, checked
 * LiquidJS templates — Japanese filters (円, 日本時間の日付, 和暦, 全角/半角, 電話番号, 追跡URL), bracket-tag
 * aliases (`[注文番号]`), a typed context, `checkTemplate` with line and column, previews, mail chosen per
 * event and payment method with rank blocks, signatures per route and mobile variants, idempotent bulk
 * sending through a transport port, and 納品書 / ピッキングリスト / 出荷指示書 / Web領収書 as printable HTML.
 *
 * @module @hakobu/mail-templates
 */
export {
  BRACKET_TAG_ALIASES,
  type BracketTagAlias,
  type ExpandedTemplate,
  expandBracketTags,
  lineColumnOf,
} from './aliases';
export { type PathNode, type PathResolution, type PathSegment, pathTree, resolvePath } from './check';
export {
  createMailComposer,
  DEFAULT_MOBILE_DOMAINS,
  escapeHtml,
  isMobileAddress,
  type MailComposer,
  type MailComposerConfig,
  MailEvent,
  MailMessage,
  type MailRequest,
  MailRoute,
  type MailRouteInput,
  MailTemplateDefinition,
  RankBlock,
  routeKey,
  STANDARD_MAIL_EVENTS,
} from './compose';
export {
  type BuildContextOptions,
  buildMailContext,
  CHANNEL_LABELS,
  MailContext,
  MailLine,
  MailParty,
  MailShipment,
  MailTaxRow,
  MailTracking,
  PAYMENT_METHOD_LABELS,
  PAYMENT_STATUS_LABELS,
  type ShopInfo,
  sampleOrder,
  TIME_SLOT_LABELS,
} from './context';
export {
  checkInvoiceNumber,
  DEFAULT_RECEIPT_PROVISO,
  type DocumentBranding,
  type DocumentOptions,
  type IssuedReceipt,
  type IssueReceiptOptions,
  issueReceipt,
  type Parcel,
  PICKING_ROWS_PER_PAGE,
  type PickingListOptions,
  RECEIPT_ADDRESSEE_MAX,
  RECEIPT_PROVISO_MAX,
  ReceiptHonorific,
  ReceiptIssueRecord,
  ReceiptRequest,
  type RenderedDocument,
  renderDeliveryNotes,
  renderPickingList,
  renderShippingInstructions,
} from './documents';
export {
  type CompiledTemplate,
  checkTemplate,
  createMailEngine,
  DEFAULT_CARRIER_LABELS,
  DEFAULT_TRACKING_URLS,
  displayWidth,
  formatJapanDate,
  formatMailYen,
  formatPhone,
  formatPostalCode,
  formatWareki,
  JapanDateStyle,
  type MailEngine,
  type MailEngineOptions,
  type PreviewOptions,
  preview,
  TemplateFormat,
  type TemplateOptions,
  TrackingUrlTable,
  toFullwidth,
  toHalfwidth,
  trackingUrl,
  wrapText,
} from './engine';
export {
  applyMailSent,
  type BulkSendOutcome,
  type BulkSendResult,
  createInMemorySendLog,
  createInMemoryTransport,
  type InMemoryTransport,
  type MailSentEvent,
  type MailTransport,
  type SendLog,
  type SendLogEntry,
  sendBulk,
} from './send';
