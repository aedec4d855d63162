import uPlot from "uplot";
import type { ClassPoint } from "../classification/class-points.js";
import { classColour, cssColour } from "../classification/heatmap-colours.js";
import { HEATMAP_SIDE, PLANE_EXTENT } from "../classification/heatmap-grid.js";
import { axes } from "./mounted-chart.js";

const POINT_RADIUS = 3.5;
/** Narrower than this, the chart stops shrinking and the page scrolls sideways instead. */
const MIN_SIDE = 220;

/**
 * A square chart of the plane: a heatmap raster (side × side cells, filled by the caller into
 * ImageData and scaled up smoothly) under the points — training points filled with their class
 * colour, test points as rings. uPlot draws the axes; `onClick` gets the plane coordinates of a
 * click (null: clicks do nothing).
 */
export class HeatmapChart {
  readonly plot: uPlot;
  private readonly raster = document.createElement("canvas");
  private readonly rasterContext: CanvasRenderingContext2D;
  private readonly image: ImageData;
  private filled = false;
  private readonly resizer: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    private readonly points: () => readonly ClassPoint[],
    onClick: ((x1: number, x2: number) => void) | null,
    side = HEATMAP_SIDE,
  ) {
    this.raster.width = side;
    this.raster.height = side;
    this.rasterContext = this.raster.getContext("2d")!;
    this.image = this.rasterContext.createImageData(side, side);
    const range: uPlot.Range.MinMax = [-PLANE_EXTENT, PLANE_EXTENT];
    container.replaceChildren();
    const size = this.size();
    this.plot = new uPlot(
      {
        width: size,
        height: size,
        series: [{}],
        scales: { x: { time: false, auto: false, range }, y: { auto: false, range } },
        axes: axes("x₁", "x₂"),
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false }, x: false, y: false },
        hooks: { draw: [(u) => this.paint(u)] },
      },
      [[]],
      container,
    );
    if (onClick) {
      this.plot.over.addEventListener("click", (event) => {
        onClick(this.plot.posToVal(event.offsetX, "x"), this.plot.posToVal(event.offsetY, "y"));
      });
    }
    this.squarePlot();
    this.resizer = new ResizeObserver(() => {
      const next = this.size();
      if (next === this.plot.width) return;
      this.plot.setSize({ width: next, height: next });
      this.squarePlot();
    });
    this.resizer.observe(container);
  }

  /** The axes take more room beside the plot than below it: the height follows, so the plane's units are square. */
  private squarePlot(): void {
    const { width, height } = this.plot.bbox;
    const excess = Math.round((width - height) / devicePixelRatio);
    if (excess !== 0) this.plot.setSize({ width: this.plot.width, height: this.plot.height + excess });
  }

  private size(): number {
    return Math.max(MIN_SIDE, Math.floor(this.container.clientWidth));
  }

  /** Fills the raster's pixels with `fill` and redraws; null empties it (white, as before any run). */
  show(fill: ((pixels: Uint8ClampedArray) => void) | null): void {
    this.filled = fill !== null;
    if (fill) {
      fill(this.image.data);
      this.rasterContext.putImageData(this.image, 0, 0);
    }
    this.plot.redraw(false, false);
  }

  /** The points changed: redraw on the same raster. */
  redraw(): void {
    this.plot.redraw(false, false);
  }

  private paint(u: uPlot): void {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    if (this.filled) {
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(this.raster, left, top, width, height);
    }
    const radius = POINT_RADIUS * devicePixelRatio;
    ctx.lineWidth = 1.4 * devicePixelRatio;
    for (const p of this.points()) {
      const colour = cssColour(classColour(p.classIndex));
      ctx.beginPath();
      ctx.arc(u.valToPos(p.x1, "x", true), u.valToPos(p.x2, "y", true), radius, 0, 2 * Math.PI);
      ctx.fillStyle = p.test ? "#ffffff" : colour;
      ctx.strokeStyle = p.test ? colour : "#ffffff";
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
  }

  destroy(): void {
    this.resizer.disconnect();
    this.plot.destroy();
  }
}
