/**
 * `@hakobu/carriers`: the 送り状コンバーター — shipments in, label-system CSV out (ヤマト B2クラウド, 佐川 e飛伝Ⅱ/Ⅲ,
 * 日本郵便 ゆうプリR and クリックポスト), tracking numbers back in, and the address, 離島 and lead-time alerts that stop
 * a parcel from going wrong.
 *
 * @module @hakobu/carriers
 */
export { checkShipments, type ShipmentAlerts, type ShipmentCheckOptions } from './checks';
export {
  createRemoteIslandList,
  defaultRemoteIslands,
  REMOTE_ISLANDS_DATE,
  type RemoteIslandEntry,
  type RemoteIslandList,
} from './islands';
export {
  CLICKPOST_COLUMNS,
  CLICKPOST_MAX_ROWS,
  type ClickPostContext,
  type ClickPostOptions,
  writeClickPostLabels,
  writeYupriLabels,
  YUPRI_COLUMNS,
  YUPRI_COOL_CODES,
  YUPRI_MAIL_TYPES,
  YUPRI_TIME_SLOTS,
  type YupriContext,
  type YupriOptions,
} from './japanpost';
export {
  type BaseContext,
  CARRIER_IDS,
  type CarrierId,
  HANDLING_NAMES,
  LABEL_SYSTEMS,
  type LabelOptions,
  type LabelOrder,
  type LabelParty,
  type LabelSystem,
  type WriteLabelsOptions,
  writeLabels,
} from './labels';
export {
  type ColumnKind,
  type ColumnSpec,
  cleanItemName,
  type FittedLines,
  fitLines,
  ItemNameRules,
  type ItemNameRulesInput,
  type LabelBatch,
  type LabelFile,
  type LabelRow,
  type LimitUnit,
  type RejectedShipment,
  type RenderedRow,
  type RenderOptions,
  type RowSubject,
  renderRow,
  widen,
} from './layout';
export {
  approximateLeadTimes,
  checkDelivery,
  type DeliveryCheck,
  type DeliveryCheckOptions,
  type LeadTimeTable,
} from './leadtime';
export {
  addressKey,
  checkPostalAddress,
  createPostalDirectory,
  DEFAULT_CITY_ALIASES,
  JAPANPOST_JIGYOSYO_DATE,
  JAPANPOST_KEN_ALL_DATE,
  loadJapanPostDirectory,
  type PostalCheck,
  type PostalCheckOptions,
  type PostalDirectory,
  type PostalEntry,
  type PostalMatch,
  parsePostalTable,
} from './postal';
export {
  EHIDEN2_COLUMNS,
  EHIDEN3_COLUMNS,
  SAGAWA_COOL_CODES,
  SAGAWA_SEALS,
  SAGAWA_TIME_SLOTS,
  type SagawaContext,
  type SagawaOptions,
  SagawaSealKind,
  writeEhiden2Labels,
  writeEhiden3Labels,
} from './sagawa';
export {
  DEFAULT_SERVICE_ALIASES,
  FreightPayer,
  type ResolvedService,
  resolveService,
  ServiceKind,
} from './service';
export { HandlingMark, LabelShipment, PaymentAgency } from './shipment';
export {
  type CheckDigitMode,
  cleanTrackingNumber,
  hasValidCheckDigit,
  type InvalidTracking,
  type ReadTrackingOptions,
  readTracking,
  type ShipmentTracking,
  TRACKING_SYSTEMS,
  type TrackingImport,
  type TrackingMatch,
  type TrackingSystem,
  type UnmatchedTracking,
  validateTrackingNumber,
} from './tracking';
export {
  B2_COD_LIMITS,
  B2_COLUMNS,
  B2_COOL_CODES,
  B2_MAX_PARCELS,
  B2_PAYMENT_AGENCY_LIMIT,
  B2_SERVICE_TYPES,
  B2_TIME_SERVICE_SLOTS,
  B2_TIME_SLOTS,
  type B2Context,
  type B2EmailMessages,
  type B2Options,
  type B2SearchKey,
  type B2ServiceType,
  writeB2Labels,
} from './yamato';
