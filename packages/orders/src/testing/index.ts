/**
 * Test support for `@hakobu/orders`: the deterministic order and blacklist generators shared by tests,
 * benchmarks and demos, and runner-agnostic conformance suites for the repository ports.
 * `ConformanceCheck`, `TestRegistrar` and `registerConformance` are those of `@hakobu/core/testing`,
 * re-exported here so existing imports keep working; new code may import them from core.
 *
 * @module @hakobu/orders/testing
 */

export { type ConformanceCheck, registerConformance, type TestRegistrar } from '@hakobu/core/testing';
export { mailPortChecks, type PortUnderTest, warehousePortChecks } from '../automation/conformance';
export {
  createInMemoryMailPort,
  createInMemoryWarehouse,
  type FailurePlan,
  type RecordingPort,
} from '../automation/doubles';
export { blacklistStoreChecks, orderRepositoryChecks } from './conformance';
export {
  type GenerateBlacklistOptions,
  type GenerateOrdersOptions,
  generateBlacklist,
  generateOrders,
  type SeededRandom,
  seededRandom,
} from './generator';
