export { CALIBRATION_KINDS, type Calibration, type CalibrationKind } from "./calibration.js";
export { conformalQuantile, conformalRank, fitConformalScores } from "./conformal.js";
export { MIN_CALIBRATION_ROWS } from "./held-out.js";
export { calibratedInterval, fitCalibration } from "./interval.js";
export { applyStdScaling, fitStdScaling } from "./std-scaling.js";
