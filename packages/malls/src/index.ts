/**
 * `@hakobu/malls`: mall adapters for a Japanese shop — order import from 楽天 RMS, Yahoo!ショッピング,
 * Amazon, Shopify, EC-CUBE 4 and the hakobu standard CSV into canonical orders of `@hakobu/orders`
 * (idempotent, every rejected record with its line or path), and write-back of shipment results and stock
 * in each mall's format.
 *
 * @module @hakobu/malls
 */
export {
  type AmazonReadOptions,
  type AmazonReportKey,
  amazonOrderReportColumns,
  amazonOrderReportFormat,
  amazonStatusMap,
  readAmazonOrders,
} from './amazon';
export {
  type EccubeCsvKey,
  type EccubeReadOptions,
  eccubeOrderCsvColumns,
  eccubeOrderCsvFormat,
  eccubeStatusMap,
} from './eccube';
export {
  amazonPaymentMethods,
  carrierFromCode,
  carrierNames,
  createSkuMapper,
  defaultPaymentStatus,
  mapPaymentMethod,
  type PaymentTable,
  rakutenCarrierCodes,
  rakutenPaymentCodes,
  readTimeSlot,
  type SkuMapper,
  type SkuMatch,
  shopifyTrackingCompanies,
  type TimeSlotReading,
  type TimeSlotTable,
  yahooCarrierCodes,
  yahooPayMethods,
} from './mapping';
export {
  type CsvOrderFormat,
  DraftAmounts,
  DraftLine,
  DraftShipment,
  FieldReader,
  IMPORT_EVENT_TYPES,
  type ImportAction,
  type ImportContext,
  type ImportDecision,
  type ImportPlan,
  importOrders,
  lastMallView,
  MallOrderDraft,
  type MallReadCounts,
  type MallReadResult,
  type MallView,
  type OrderCsvBatch,
  type OrderCsvStream,
  type OrderRows,
  type PartyFields,
  planImport,
  type RejectedRecord,
  readOrderCsv,
  readOrderCsvStream,
  readParty,
} from './pipeline';
export {
  RAKUTEN_UNDECIDED,
  type RakutenCsvKey,
  type RakutenReadOptions,
  rakutenOrderCsvColumns,
  rakutenOrderCsvFormat,
  rakutenStatusMap,
  readRakutenGetOrder,
} from './rakuten';
export {
  readShopifyOrders,
  type ShopifyCsvKey,
  type ShopifyReadOptions,
  shopifyOrderCsvColumns,
  shopifyOrderCsvFormat,
} from './shopify';
export {
  type StandardCsvKey,
  type StandardReadOptions,
  standardOrderCsvColumns,
  standardOrderCsvFormat,
  writeStandardOrderCsv,
} from './standard';
export {
  type AmazonConfirmShipmentBody,
  amazonConfirmShipmentBodies,
  amazonInventoryFile,
  amazonShipConfirmFile,
  collectShipmentResults,
  eccubeShippingCsv,
  type OrderShipmentResults,
  type ParcelResult,
  RAKUTEN_MAX_PARCELS_PER_BASKET,
  RAKUTEN_MAX_QUANTITY,
  type RakutenInventoryEntry,
  type RakutenUpdateOrderShippingBody,
  rakutenInventoryBodies,
  rakutenShippingBodies,
  type ShopifyFulfillmentInput,
  shopifyFulfillmentInputs,
  type WriteBackOptions,
  yahooQuantityCsv,
  yahooShipStatusBodies,
} from './writeback';
export {
  readYahooOrderInfo,
  YAHOO_ITEM_FIELDS,
  YAHOO_ORDER_FIELDS,
  type YahooCsvKey,
  type YahooReadOptions,
  yahooOrderCsvFormat,
  yahooStatus,
} from './yahoo';
