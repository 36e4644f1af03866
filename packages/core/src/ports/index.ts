export { type Clock, systemClock } from './clock';
export { type IdGenerator, randomIdGenerator } from './ids';
