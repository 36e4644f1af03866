/**
 * Test doubles for hakobu's ports: deterministic clocks and id generators.
 *
 * @module @hakobu/core/testing
 */
export { fixedClock, steppingClock } from './clock';
export { sequenceIdGenerator } from './ids';
