export {
  cancelLine,
  changeDelivery,
  changeDestination,
  type DeliveryChange,
  type EditOutcome,
  type EditTargetOptions,
  GIFT_MESSAGE_MAX_LENGTH,
  type LineCancellation,
  setGiftMessage,
} from './edit';
