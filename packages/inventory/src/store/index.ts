export {
  AdjustmentKind,
  AdjustOperation,
  CommitOperation,
  ReleaseOperation,
  ReservationChange,
  ReserveOperation,
  SetSafetyStockOperation,
  StockBatch,
  StockBatchOutcome,
  StockOperation,
} from './batch';
export { evaluateBatch, type StockView, type StockWrite } from './evaluate';
export { createMemoryStockStore } from './memory';
export type { LevelQuery, MovementQuery, ReservationQuery, StockStore } from './port';
