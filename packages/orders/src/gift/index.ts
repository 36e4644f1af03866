export { type DeliveryNoteData, type DeliveryNoteLine, deliveryNote, isGift } from './gift';
