import { gaussianNll, mse } from "../predict/metrics.js";
import type { Prediction } from "../predict/summary.js";
import type { HeadName } from "../spec/names.js";

/**
 * The validation score of a prediction, lower is better: with the Gaussian head the mean
 * Gaussian NLL of y under N(mean, std²), the mixture's moments (target units); with the mse
 * head, whose members predict no noise, the mean squared error.
 * @throws {ShapeError} when y does not match the prediction.
 */
export function validationScore(head: HeadName, prediction: Prediction, y: Float32Array): number {
  return head === "gaussian" ? gaussianNll(prediction, y) : mse(prediction, y);
}

/** The name of validationScore's metric for a head, as reports store it. */
export function validationMetric(head: HeadName): "nll" | "mse" {
  return head === "gaussian" ? "nll" : "mse";
}
