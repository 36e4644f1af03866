export { type BuildContextOptions, buildMailContext, type ShopInfo } from './build';
export { CHANNEL_LABELS, PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS, TIME_SLOT_LABELS } from './labels';
export { sampleOrder } from './sample';
export { MailContext, MailLine, MailParty, MailShipment, MailTaxRow, MailTracking } from './schema';
