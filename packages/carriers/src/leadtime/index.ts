export {
  approximateLeadTimes,
  checkDelivery,
  type DeliveryCheck,
  type DeliveryCheckOptions,
  type LeadTimeTable,
} from './lead-time';
