export {
  type BundleCandidate,
  BundleKey,
  type BundleOutcome,
  BundlePolicy,
  type BundleReason,
  BundleSpec,
  type BundleSpecInput,
  bundle,
  bundlePreconditions,
  findBundleCandidates,
  unbundle,
} from './bundle';
