/**
 * Test doubles for hakobu's ports (deterministic clocks and id generators) and the shape every conformance
 * suite of hakobu shares.
 *
 * @module @hakobu/core/testing
 */
export { fixedClock, steppingClock } from './clock';
export { type ConformanceCheck, registerConformance, type TestRegistrar } from './conformance';
export { sequenceIdGenerator } from './ids';
