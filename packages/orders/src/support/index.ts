export {
  type AppliedChangeRequest,
  applyChangeRequest,
  ChangeRequest,
  ChangeRequestDecision,
  ChangeRequestInput,
  type ChangeRequestOptions,
  ChangeRequestStatus,
  type ChangeRequestVerdict,
  changeRequestRefusals,
  changeRequestStatusLabels,
  createChangeRequest,
  decideChangeRequest,
  RequestedChange,
} from './change-request';
export { endOfJapanDay } from './deadline';
export {
  appendMessage,
  createThread,
  MESSAGE_MAX_LENGTH,
  MessageAuthor,
  MessageThread,
  markRead,
  type NewMessage,
  ThreadMessage,
  unreadCounts,
} from './thread';
export {
  type IssueSupportTokenInput,
  importSupportTokenKeyring,
  issueSupportToken,
  SUPPORT_TOKEN_VERSION,
  type SupportTokenClaims,
  type SupportTokenKeyring,
  SupportTokenPurpose,
  SupportTokenRefusal,
  type VerifySupportTokenOptions,
  verifySupportToken,
} from './token';
