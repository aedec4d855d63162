export { assertFiniteLossHistory, assertFinitePrediction, finiteJson, predictionInterval } from "./finite.js";
export { crpsEnsemble, crpsGaussian, gaussianNll, intervalCoverage, MIN_PREDICTIVE_STD, mse, rmse } from "./metrics.js";
export { memberQuantile, memberSlice, type Prediction, summarizeMembers } from "./summary.js";
