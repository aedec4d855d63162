import type uPlot from "uplot";
import type { Point } from "../data/points.js";
import { PALETTE } from "./palette.js";

/**
 * Draws the training points as crosses, as the notebook's "kx". uPlot series share one x array,
 * and the data has x values of its own, so the points are drawn in a hook instead of a series.
 */
export function scatterPlugin(points: () => readonly Point[], size = 3.5): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        const half = size * devicePixelRatio;
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        ctx.strokeStyle = PALETTE.data;
        ctx.globalAlpha = 0.8;
        ctx.lineWidth = 1.2 * devicePixelRatio;
        ctx.beginPath();
        for (const p of points()) {
          const cx = u.valToPos(p.x, "x", true);
          const cy = u.valToPos(p.y, "y", true);
          ctx.moveTo(cx - half, cy - half);
          ctx.lineTo(cx + half, cy + half);
          ctx.moveTo(cx - half, cy + half);
          ctx.lineTo(cx + half, cy - half);
        }
        ctx.stroke();
        ctx.restore();
      },
    },
  };
}
