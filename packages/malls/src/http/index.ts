export {
  type AttemptOutcome,
  backoffDelay,
  defaultRetryPolicy,
  isRetryableStatus,
  parseRetryAfter,
  type RetryDecision,
  RetryPolicy,
  retryDecision,
  type Sleeper,
  type StopReason,
  timerSleeper,
} from './retry';
export { callMallApi, type HttpExchange, type SendOptions, sendWithRetry } from './send';
export {
  describeRequest,
  type FetchTransportOptions,
  fetchTransport,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  type HttpTransport,
  headerValue,
} from './transport';
