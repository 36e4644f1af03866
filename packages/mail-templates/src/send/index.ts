export {
  applyMailSent,
  type BulkSendOutcome,
  type BulkSendResult,
  createInMemorySendLog,
  createInMemoryTransport,
  type InMemoryTransport,
  type MailSentEvent,
  type MailTransport,
  type SendLog,
  type SendLogEntry,
  sendBulk,
} from './send';
