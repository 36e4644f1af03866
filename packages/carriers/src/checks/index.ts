export { checkShipments, type ShipmentAlerts, type ShipmentCheckOptions } from './check-shipments';
