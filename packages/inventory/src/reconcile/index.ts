export { Drift, MallQuantity, type ReconcileReport, reconcile } from './reconcile';
