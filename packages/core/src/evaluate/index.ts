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
