export {
  type CheckDigitMode,
  cleanTrackingNumber,
  hasValidCheckDigit,
  validateTrackingNumber,
} from './number';
export {
  type InvalidTracking,
  type ReadTrackingOptions,
  readTracking,
  type ShipmentTracking,
  TRACKING_SYSTEMS,
  type TrackingImport,
  type TrackingMatch,
  type TrackingSystem,
  type UnmatchedTracking,
} from './read';
