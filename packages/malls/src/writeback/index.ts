export { collectShipmentResults, type OrderShipmentResults, type ParcelResult } from './results';
export {
  type AmazonConfirmShipmentBody,
  amazonConfirmShipmentBodies,
  amazonShipConfirmFile,
  eccubeShippingCsv,
  RAKUTEN_MAX_PARCELS_PER_BASKET,
  type RakutenUpdateOrderShippingBody,
  rakutenShippingBodies,
  type ShopifyFulfillmentInput,
  shopifyFulfillmentInputs,
  type WriteBackOptions,
  yahooShipStatusBodies,
} from './shipments';
export {
  amazonInventoryFile,
  RAKUTEN_MAX_QUANTITY,
  type RakutenInventoryEntry,
  rakutenInventoryBodies,
  yahooQuantityCsv,
} from './stock';
