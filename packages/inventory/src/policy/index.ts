export {
  advertisedQuantity,
  ChannelPolicy,
  type EffectivePolicy,
  indexPolicies,
  type PolicyIndex,
  PolicyRule,
  unrestrictedPolicy,
} from './policy';
