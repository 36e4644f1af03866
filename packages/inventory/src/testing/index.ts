/**
 * Test support for `@hakobu/inventory`: the stock store conformance suite.
 *
 * @module @hakobu/inventory/testing
 */
export { type StockStoreCheckOptions, stockStoreChecks } from './conformance';
