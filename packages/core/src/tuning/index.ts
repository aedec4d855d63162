export { fitSweep, type SweepOptions, type SweepRun } from "./fit-sweep.js";
export {
  DEFAULT_GRID_CONCURRENCY,
  DEFAULT_PRIOR_SCALE_GRID,
  DEFAULT_WEIGHT_DECAY_GRID,
  type GridSearchResult,
  type GridSpec,
  searchGrid,
} from "./grid-search.js";
