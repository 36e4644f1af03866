export {
  createMailComposer,
  DEFAULT_MOBILE_DOMAINS,
  isMobileAddress,
  type MailComposer,
  type MailComposerConfig,
  type MailRequest,
} from './composer';
export {
  MailEvent,
  MailMessage,
  MailRoute,
  type MailRouteInput,
  MailTemplateDefinition,
  RankBlock,
  routeKey,
  STANDARD_MAIL_EVENTS,
} from './definitions';
export { escapeHtml } from './html';
