import uPlot from "uplot";
import { compactNumber } from "../ui/compact-number.js";
import { PALETTE } from "./palette.js";

export type ChartOptions = Omit<uPlot.Options, "width" | "height">;

/** Axes in the page's colours, with compact tick labels; axis titles only where a chart needs them. */
export function axes(xLabel: string, yLabel: string): uPlot.Axis[] {
  const axis = (label: string): uPlot.Axis => ({
    label,
    stroke: PALETTE.axis,
    grid: { stroke: PALETTE.grid, width: 1 },
    ticks: { stroke: PALETTE.grid, width: 1 },
    labelSize: label ? 22 : 0,
    font: "12px system-ui, sans-serif",
    labelFont: "13px system-ui, sans-serif",
    // uPlot's own labels write 1e6 as "1,000,000": compact ones keep every axis narrow. A log
    // axis's filter leaves null where a tick has no label.
    values: (_plot, splits) => splits.map((value) => (value === null ? "" : compactNumber(value))),
  });
  return [axis(xLabel), axis(yLabel)];
}

/** A uPlot chart that follows its container's width; `destroy` also stops watching it. */
export class MountedChart {
  readonly plot: uPlot;
  private readonly resizer: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    options: ChartOptions,
    data: uPlot.AlignedData,
    private readonly height: number,
  ) {
    container.replaceChildren();
    this.plot = new uPlot({ ...options, width: this.width(), height }, data, container);
    this.resizer = new ResizeObserver(() => {
      const width = this.width();
      if (width !== this.plot.width) this.plot.setSize({ width, height: this.height });
    });
    this.resizer.observe(container);
  }

  private width(): number {
    return Math.max(200, Math.floor(this.container.clientWidth));
  }

  destroy(): void {
    this.resizer.disconnect();
    this.plot.destroy();
  }
}
