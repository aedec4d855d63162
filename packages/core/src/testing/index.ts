export {
  CONFORMANCE_CASES,
  type ConformanceCase,
  type ConformanceTarget,
  type ConformanceTolerances,
  FLOAT32_TOLERANCES,
  FLOAT64_TOLERANCES,
  runConformanceCase,
} from "./cases.js";
export { CATEGORICAL_CASES } from "./categorical-cases.js";
export { assertClose, type Closeness, ConformanceFailure, compareArrays } from "./compare.js";
export { GAUSSIAN_CASES } from "./gaussian-cases.js";
export { measureNoiseRecovery, NOISE_PROBES, type NoiseRecovery } from "./noise-recovery.js";
export {
  type ReferenceClasses,
  type ReferenceMixture,
  type ReferencePrediction,
  type ReferenceTrainResult,
  referenceClasses,
  referenceCrossEntropy,
  referenceGaussianNll,
  referenceMemberLoss,
  referenceMixture,
  referencePredict,
  referenceSoftmax,
  referenceSoftplus,
  referenceTrain,
  referenceVariance,
} from "./reference.js";
