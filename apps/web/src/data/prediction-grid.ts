import { linspace } from "@rpf/core";
import type { Views } from "./view-range.js";

const NEAR_POINTS = 301;
const WIDE_POINTS = 601;

/**
 * Where the ensemble is evaluated: fine across the near view, coarser out to the wide view, merged
 * into one sorted grid so one prediction serves both views.
 */
export function predictionGrid(views: Views): Float32Array {
  const near = linspace(views.near.x.min, views.near.x.max, NEAR_POINTS);
  const wide = linspace(views.wide.x.min, views.wide.x.max, WIDE_POINTS);
  const merged = Float32Array.from(new Set([...near, ...wide])).sort();
  return merged;
}
