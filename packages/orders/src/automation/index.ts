export { Action, type ActionInput, actionConflict, BUNDLE_CANDIDATE_TAG, isExternalAction } from './actions';
export {
  ACTION_EVENT,
  type ActionOutcome,
  type ActionRecordDetails,
  AUTOMATION_ACTOR,
  automationActor,
  automationTrail,
  FIRED_EVENT,
  type FiredDetails,
  firingKey,
  pendingFrom,
  type RecordedFiring,
  recordedFirings,
  ruleVersion,
} from './audit';
export {
  type AddressAlertCodes,
  AddressAlertKind,
  AmountField,
  Condition,
  type ConditionInput,
  type ConditionResult,
  DateRef,
  defaultAddressAlertCodes,
  type EvaluationContext,
  evaluateCondition,
  LeafCondition,
  type LeafConditionInput,
  type MatchedValue,
  possibleStatuses,
} from './conditions';
export {
  type AutomationOptions,
  applyInternalAction,
  type Firing,
  type InternalStep,
  noOpenShipment,
  type OrderPlan,
  planOrder,
  planOrders,
  type SimulatedAction,
  type SimulatedFiring,
  type SimulatedOrder,
  type SimulationReport,
  type StepContext,
  simulate,
  withMailSent,
} from './engine';
export type { MailPort, MailRequest, PortReceipt, ShipmentRequest, WarehousePort } from './ports';
export {
  followUpRuleSet,
  orderIntakeRuleSet,
  presetTemplates,
  readyRuleSets,
  SHIPMENT_REQUESTED_TAG,
  shipmentRequestRuleSet,
} from './presets';
export {
  loadRuleSets,
  Rule,
  type RuleCatalog,
  type RuleInput,
  RuleSet,
  type RuleSetInput,
  Trigger,
} from './rules';
export {
  type AutomationRunOptions,
  type ExecutedAction,
  type ExecutedFiring,
  type ExecutedOrder,
  type RunReport,
  runAutomation,
} from './run';
export { lastScheduledAt, type RunTrigger, type ScheduleOptions, triggers } from './schedule';
