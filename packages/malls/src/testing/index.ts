/**
 * Test support for `@hakobu/malls`: deterministic, realistic (invented) Japanese order fixtures and the
 * writers that render them in each mall's format — 楽天 getOrder JSON and 受注CSV (CP932), Amazon SP-API
 * JSON and order report TSV, Yahoo! orderInfo and order CSV — for hosts' tests, benchmarks and demos; a
 * fake `HttpTransport` and timer for API tests that never touch the network; and the conformance suite of
 * the `HttpTransport` port, for hosts that bring their own transport.
 *
 * @module @hakobu/malls/testing
 */
export {
  amazonFixtureBilled,
  amazonOrder,
  amazonOrderId,
  amazonOrderItems,
  amazonOrderReportTsv,
  yahooOrderCsv,
  yahooOrderId,
  yahooOrderInfo,
} from './amazon-yahoo';
export {
  type FixtureDestination,
  type FixtureItem,
  type FixtureOrder,
  type FixturePerson,
  fixtureOrder,
  fixtureRandom,
  fixtureTotals,
} from './fixture';
export {
  createFakeTimer,
  createFakeTransport,
  type FakeAnswer,
  type FakeTimer,
  type FakeTransport,
  httpTransportChecks,
} from './http';
export { rakutenGetOrderResponse, rakutenOrderCsv, rakutenOrderModel, rakutenOrderNumber } from './rakuten';
