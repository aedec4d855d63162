export { EarlyStopping } from "./early-stopping.js";
export {
  DEFAULT_GRID_CONCURRENCY,
  DEFAULT_PRIOR_SCALE_GRID,
  DEFAULT_WEIGHT_DECAY_GRID,
  type GridSearchResult,
  type GridSpec,
  searchGrid,
} from "./grid-search.js";
export type { ValidationOptions } from "./held-out-run.js";
export type { GridCandidate, GridSearchReport, ValidationReport } from "./report.js";
export { validationMetric, validationScore } from "./score.js";
export { MIN_SPLIT_ROWS, selectRows, splitValidation, type ValidationSplit, validationCount } from "./split.js";
