export {
  CALIBRATION_LEVELS,
  type CalibrationPoint,
  EVALUATION_LEVELS,
  type EvaluateOptions,
  type Evaluation,
  evaluate,
  type IntervalBounds,
  type Scores,
} from "./evaluate.js";
