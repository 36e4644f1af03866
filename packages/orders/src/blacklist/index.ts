export {
  BlacklistEntry,
  BlacklistField,
  type BlacklistIndex,
  buildBlacklistIndex,
  type RescreenOutcome,
  rescreenOrders,
  type ScreeningMode,
  type ScreeningOptions,
  screenOrder,
} from './blacklist';
