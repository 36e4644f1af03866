export {
  type CompiledTemplate,
  checkTemplate,
  createMailEngine,
  type MailEngine,
  type MailEngineOptions,
  TemplateFormat,
  type TemplateOptions,
} from './engine';
export {
  displayWidth,
  formatJapanDate,
  formatMailYen,
  formatPhone,
  formatPostalCode,
  formatWareki,
  JapanDateStyle,
  toFullwidth,
  toHalfwidth,
  wrapText,
} from './format';
export { type PreviewOptions, preview } from './preview';
export {
  DEFAULT_CARRIER_LABELS,
  DEFAULT_TRACKING_URLS,
  TrackingUrlTable,
  trackingUrl,
} from './tracking';
