export {
  readShopifyOrders,
  type ShopifyCsvKey,
  type ShopifyReadOptions,
  shopifyOrderCsvColumns,
  shopifyOrderCsvFormat,
} from './shopify';
