import type uPlot from "uplot";
import type { Point } from "../data/points.js";
import { PALETTE } from "./palette.js";
import { type DensityRaster, densityRaster } from "./point-density.js";

/**
 * Up to this many points are drawn as crosses; more are drawn as a density raster. Crosses cost a
 * path segment each and, by the thousand, cover one another anyway: 100,000 of them took tens of
 * seconds a frame on two charts.
 */
export const CROSSES_UP_TO = 5000;

/** How a chart draws its training points: as crosses, or as a density where there are too many. */
export type PointsDrawing = "crosses" | "density";

export function pointsDrawing(count: number): PointsDrawing {
  return count <= CROSSES_UP_TO ? "crosses" : "density";
}

function drawCrosses(u: uPlot, points: readonly Point[], size: number): void {
  const { ctx } = u;
  const half = size * devicePixelRatio;
  ctx.strokeStyle = PALETTE.data;
  ctx.globalAlpha = 0.8;
  ctx.lineWidth = 1.2 * devicePixelRatio;
  ctx.beginPath();
  for (const p of points) {
    const cx = u.valToPos(p.x, "x", true);
    const cy = u.valToPos(p.y, "y", true);
    ctx.moveTo(cx - half, cy - half);
    ctx.lineTo(cx + half, cy + half);
    ctx.moveTo(cx - half, cy + half);
    ctx.lineTo(cx + half, cy - half);
  }
  ctx.stroke();
}

/**
 * Draws the training points as crosses, as the notebook's "kx", or above CROSSES_UP_TO as a
 * density raster, made once per data set, axes and size and reused by later draws (the curves
 * redraw many times a second while training). uPlot series share one x array, and the data has x
 * values of its own, so the points are drawn in a hook instead of a series.
 */
export function scatterPlugin(points: () => readonly Point[], size = 3.5): uPlot.Plugin {
  let cached: DensityRaster | null = null;
  return {
    hooks: {
      draw: (u) => {
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        const shown = points();
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        if (pointsDrawing(shown.length) === "crosses") {
          drawCrosses(u, shown, size);
        } else {
          const x = u.scales.x!;
          const y = u.scales.y!;
          const frame = { left, top, width, height, xMin: x.min!, xMax: x.max!, yMin: y.min!, yMax: y.max! };
          cached = densityRaster(shown, frame, devicePixelRatio, cached);
          ctx.imageSmoothingEnabled = false;
          ctx.drawImage(cached.image, left, top, width, height);
        }
        ctx.restore();
      },
    },
  };
}
