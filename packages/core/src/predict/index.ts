export { type ClassPrediction, summarizeClasses } from "./classes.js";
export { assertFiniteClassPrediction, assertFinitePrediction, finiteJson, predictionInterval } from "./finite.js";
export {
  centralIntervalZ,
  crpsEnsemble,
  crpsGaussian,
  gaussianCrpsAt,
  gaussianNll,
  gaussianNllAt,
  intervalCoverage,
  MIN_PREDICTIVE_STD,
  mse,
  rmse,
} from "./metrics.js";
export { memberQuantile, memberSlice, type Prediction, summarizeMembers } from "./summary.js";
