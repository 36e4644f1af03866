export {
  advertisedQuantity,
  ChannelPolicy,
  type EffectivePolicy,
  indexPolicies,
  type PolicyIndex,
  PolicyRule,
  shareOf,
  unrestrictedPolicy,
} from './policy';
