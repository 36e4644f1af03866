export {
  type BlacklistStore,
  changesOf,
  createInMemoryBlacklistStore,
  createInMemoryOrderRepository,
  type OrderChange,
  type OrderRepository,
} from './ports';
export { matchesQuery, OrderQuery, type Page, type QueryResult, queryOrders } from './query';
