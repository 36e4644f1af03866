export { type AcknowledgeOutcome, type AlertSelector, acknowledgeAlerts } from './acknowledge';
export { alertEvidence, carryAcknowledgements, isOpenAlert, openAlerts, sameAlerts } from './evidence';
export {
  recordShipmentAlerts,
  SHIPMENT_CHECK_EVENT,
  SHIPMENT_CHECK_SOURCE,
  type ShipmentAlertsOutcome,
  type ShipmentIssues,
} from './shipment-alerts';
