/**
 * Test support for `@hakobu/mail-templates`: example templates for every event × payment method, routes
 * for the shops of `generateOrders`, rank blocks, and a conformance check for `MailTransport` adapters.
 *
 * @module @hakobu/mail-templates/testing
 */

export { type TransportCheck, transportChecks } from './conformance';
export { exampleRankBlocks, exampleRoutes, exampleTemplates } from './examples';
