import { CLASSIFICATION_2D_EXTENT } from "@rpf/core";

/** Cells per side of the heatmaps: the ensemble is evaluated at side² points per frame. */
export const HEATMAP_SIDE = 100;

/** The plane shown: both coordinates from −extent to extent, the square the 2D data sets fill. */
export const PLANE_EXTENT = CLASSIFICATION_2D_EXTENT;

/**
 * The inputs of one heatmap frame: the centres of a side × side raster over the shown square,
 * float32 [side², 2] row-major, in image order — row 0 is the top (x₂ largest), x₁ grows along a
 * row — so prediction i is pixel i and the fill needs no index arithmetic.
 */
export function heatmapGrid(side = HEATMAP_SIDE, extent = PLANE_EXTENT): Float32Array {
  const grid = new Float32Array(side * side * 2);
  const cell = (2 * extent) / side;
  for (let row = 0; row < side; row++) {
    const x2 = extent - (row + 0.5) * cell;
    for (let column = 0; column < side; column++) {
      const i = row * side + column;
      grid[2 * i] = -extent + (column + 0.5) * cell;
      grid[2 * i + 1] = x2;
    }
  }
  return grid;
}
