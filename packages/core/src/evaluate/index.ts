export {
  CALIBRATION_LEVELS,
  type CalibrationPoint,
  EVALUATION_LEVELS,
  type EvaluateOptions,
  type Evaluation,
  evaluate,
  type IntervalBounds,
  pitHistogram,
  type Scores,
} from "./evaluate.js";
export {
  type Classification,
  ECE_BINS,
  evaluateClasses,
  MIN_CLASS_PROBABILITY,
  type ReliabilityBin,
  type ScoredClassPrediction,
} from "./evaluate-classes.js";
