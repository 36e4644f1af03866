export {
  type BlacklistStore,
  changesOf,
  checkOrderChanges,
  createInMemoryBlacklistStore,
  createInMemoryOrderRepository,
  type OrderChange,
  type OrderRepository,
  type StoredOrderLookup,
} from './ports';
export { matchesQuery, OrderQuery, type Page, type QueryResult, queryOrders } from './query';
