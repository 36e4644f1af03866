export {
  defaultStatusFlow,
  noHoldsOrAlerts,
  paymentSettled,
  reasonGiven,
  shipmentsReady,
} from './default-flow';
export {
  applyTransition,
  availableTransitions,
  checkTransition,
  extendFlow,
  type FlowExtension,
  reachableStatuses,
  type StatusDefinition,
  type StatusFlow,
  type TransitionDefinition,
  type TransitionEffect,
  type TransitionGuard,
  type TransitionInput,
  type TransitionOutcome,
  validateFlow,
} from './flow';
