export {
  applyTracking,
  type FollowUpDue,
  type FollowUpOptions,
  followUpDue,
  type TrackingOutcome,
  TrackingPolicy,
  TrackingRow,
} from './tracking';
