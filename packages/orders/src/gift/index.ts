export { type DeliveryNoteData, type DeliveryNoteLine, deliveryNote, isGift } from './gift';
export {
  DELIVERY_NOTE_PRINTED_EVENT,
  type DeliveryNotePrintOptions,
  type DeliveryNotePrintOutcome,
  markDeliveryNotePrinted,
} from './printed';
