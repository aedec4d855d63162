import type { TopLevelSpec } from "vega-lite";
import type { Panel } from "./panel.js";

/** The font the figures ask for; the generic family covers machines without it. */
export const FONT_FAMILY = "DejaVu Sans";

/**
 * A look close to matplotlib's defaults (framed plots, outward ticks, no grid, plain black text),
 * with the legend outside the plots so no curve runs under it.
 */
const CONFIG = {
  font: `${FONT_FAMILY}, sans-serif`,
  // No aria labels: they would describe every data point and more than double the SVG's size.
  aria: false,
  background: "white",
  padding: 8,
  view: { stroke: "#222" },
  axis: {
    grid: false,
    domainColor: "#222",
    tickColor: "#222",
    labelColor: "#222",
    labelFontSize: 11,
    titleColor: "#222",
    titleFontSize: 13,
    titleFontStyle: "italic",
    titleFontWeight: "normal" as const,
  },
  // Centred under their ticks, as matplotlib draws them, rather than pushed inside the frame.
  axisX: { labelFlush: false },
  title: { fontSize: 13, fontWeight: "normal" as const, color: "#222" },
  legend: {
    orient: "top" as const,
    direction: "horizontal" as const,
    labelFontSize: 12,
    labelLimit: 0,
    // Long enough for the dashed mean's symbol to show its dashes.
    symbolSize: 150,
    strokeColor: "#ccc",
    padding: 6,
    cornerRadius: 3,
  },
  concat: { spacing: 24 },
};

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/**
 * One panel, its legend to the right: above it, Vega's text width estimate (it has no canvas to
 * measure with) would make a row of entries wider than the plot.
 */
export function singlePanelFigure(body: Panel): TopLevelSpec {
  const legend = { ...CONFIG.legend, orient: "right" as const, direction: "vertical" as const };
  return { $schema: SCHEMA, config: { ...CONFIG, legend }, ...body };
}

/** Panels laid out row by row, `columns` to a row, under one legend shared by all of them. */
export function panelGrid(panels: Panel[], columns: number): TopLevelSpec {
  return { $schema: SCHEMA, config: CONFIG, columns, concat: panels };
}
