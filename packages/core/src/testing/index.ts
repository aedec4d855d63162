export {
  CONFORMANCE_CASES,
  type ConformanceCase,
  type ConformanceTarget,
  type ConformanceTolerances,
  FLOAT32_TOLERANCES,
  FLOAT64_TOLERANCES,
  runConformanceCase,
} from "./cases.js";
export { assertClose, type Closeness, ConformanceFailure, compareArrays } from "./compare.js";
export { type ReferencePrediction, type ReferenceTrainResult, referencePredict, referenceTrain } from "./reference.js";
