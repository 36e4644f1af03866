/**
 * Test support for `@hakobu/orders`: the deterministic order and blacklist generators shared by tests,
 * benchmarks and demos, and runner-agnostic conformance suites for the repository ports.
 *
 * @module @hakobu/orders/testing
 */
export { mailPortChecks, type PortUnderTest, warehousePortChecks } from '../automation/conformance';
export {
  createInMemoryMailPort,
  createInMemoryWarehouse,
  type FailurePlan,
  type RecordingPort,
} from '../automation/doubles';
export {
  blacklistStoreChecks,
  type ConformanceCheck,
  orderRepositoryChecks,
  registerConformance,
  type TestRegistrar,
} from './conformance';
export {
  type GenerateBlacklistOptions,
  type GenerateOrdersOptions,
  generateBlacklist,
  generateOrders,
  type SeededRandom,
  seededRandom,
} from './generator';
