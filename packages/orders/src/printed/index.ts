export {
  DELIVERY_NOTE_PRINTED_EVENT,
  type DeliveryNotePrintOptions,
  type DeliveryNotePrintOutcome,
  LABEL_EXPORTED_EVENT,
  type LabelExportOptions,
  type LabelExportOutcome,
  markDeliveryNotePrinted,
  markLabelExported,
} from './printed';
