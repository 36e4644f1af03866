/**
 * `@hakobu/inventory`: stock for a Japanese multi-mall shop. Product master and mall code mapping, 引当
 * (allocation) that never oversells, the `StockStore` port with an in-memory implementation, channel
 * policies, set stock, multi-mall sync plans and reconciliation.
 *
 * @module @hakobu/inventory
 */
export {
  type AllocateRequest,
  type AllocationContext,
  allocate,
  type BatchRequest,
  type CommitRequest,
  commit,
  DemandLine,
  planReservations,
  type ReallocateRequest,
  type ReleaseRequest,
  reallocate,
  release,
} from './allocation';
export { type Catalog, CatalogInput, describeMallCode, indexCatalog, mallCodeKey } from './catalog';
export {
  Channel,
  Listing,
  LocationId,
  MallCode,
  Movement,
  MovementKind,
  Product,
  Reservation,
  SetComponent,
  Sku,
  StockLevel,
  TemperatureZone,
} from './model';
export {
  advertisedQuantity,
  ChannelPolicy,
  type EffectivePolicy,
  indexPolicies,
  type PolicyIndex,
  PolicyRule,
  shareOf,
  unrestrictedPolicy,
} from './policy';
export { Drift, MallQuantity, type ReconcileReport, reconcile } from './reconcile';
export {
  AdjustmentKind,
  AdjustOperation,
  CommitOperation,
  createMemoryStockStore,
  evaluateBatch,
  type LevelQuery,
  type MovementQuery,
  ReleaseOperation,
  ReservationChange,
  type ReservationQuery,
  ReserveOperation,
  SetSafetyStockOperation,
  StockBatch,
  StockBatchOutcome,
  StockOperation,
  type StockStore,
  type StockView,
  type StockWrite,
} from './store';
export {
  PushedState,
  planSync,
  ShareMode,
  type SyncInput,
  SyncItem,
  SyncMode,
  type SyncPlan,
  SyncUpload,
  sellableStock,
  setQuantity,
} from './sync';
