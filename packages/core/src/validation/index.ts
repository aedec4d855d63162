export type { GridCandidate, GridSearchReport, ValidationReport } from "../io/validation-report.js";
export { EarlyStopping } from "./early-stopping.js";
export type { ValidationOptions } from "./held-out-run.js";
export { validationMetric, validationScore } from "./score.js";
export { MIN_SPLIT_ROWS, selectRows, splitValidation, type ValidationSplit, validationCount } from "./split.js";
