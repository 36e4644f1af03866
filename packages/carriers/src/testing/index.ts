/**
 * Test support for `@hakobu/carriers`: conformance suites for the postal-directory and 離島-list ports, and
 * builders for shipments, a sample shipper and tracking numbers.
 *
 * @module @hakobu/carriers/testing
 */
export { buildShipment, SAMPLE_SHIPPER, withCheckDigit } from './builders';
export { postalDirectoryChecks, remoteIslandListChecks } from './conformance';
