/**
 * Test support for `@hakobu/mail-templates`: example templates for every event × payment method, routes
 * for the shops of `generateOrders`, rank blocks, and conformance checks for `MailTransport` and `SendLog`
 * adapters.
 *
 * @module @hakobu/mail-templates/testing
 */

export { type MailTransportCheckOptions, mailTransportChecks, sendLogChecks } from './conformance';
export { exampleRankBlocks, exampleRoutes, exampleTemplates } from './examples';
