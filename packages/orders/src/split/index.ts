export { type LineMove, nextSlipNumbers } from './engine';
export { ChargePlacement, keepOnOriginalPolicy, SplitPolicy } from './policy';
export {
  addDestination,
  type DestinationSource,
  type ManualMove,
  type MoveTarget,
  moveLines,
  type NewDestinationOptions,
  type SplitOptions,
  type SplitOutcome,
  splitByRequestedDate,
  splitByTemperature,
  unsplit,
} from './split';
