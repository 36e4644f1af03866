export { HandlingMark, LabelShipment, PaymentAgency } from './label-shipment';
