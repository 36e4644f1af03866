export { isStandardMailEvent, STANDARD_MAIL_EVENTS, type StandardMailEvent } from './mail-events';
