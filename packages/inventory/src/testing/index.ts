/**
 * Test support for `@hakobu/inventory`: the stock store conformance suite.
 *
 * @module @hakobu/inventory/testing
 */
export {
  type ConformanceCheck,
  type StockStoreConformanceOptions,
  stockStoreConformance,
} from './conformance';
