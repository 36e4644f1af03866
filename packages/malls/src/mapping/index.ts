export {
  carrierFromCode,
  carrierNames,
  rakutenCarrierCodes,
  shopifyTrackingCompanies,
  yahooCarrierCodes,
} from './carrier';
export {
  amazonPaymentMethods,
  defaultPaymentStatus,
  mapPaymentMethod,
  type PaymentTable,
  rakutenPaymentCodes,
  yahooPayMethods,
} from './payment';
export { createSkuMapper, type SkuMapper, type SkuMatch } from './sku';
export { readTimeSlot, type TimeSlotReading, type TimeSlotTable } from './time-slot';
