import type { TopLevelSpec } from "vega-lite";
import type { ScalingReport } from "./scaling-report.js";

/** The CLI's figure font; the generic family covers machines without it. */
const FONT = "DejaVu Sans, sans-serif";
const REFERENCE = "model: c × units";
/** Distinct on white and for the common colour-vision deficiencies (Okabe–Ito). */
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

/**
 * Log-log: seconds per epoch against members × points × width², one series per sweep with the
 * min–max of its repeats as a bar, and the fitted line y = c·x drawn across the measured range.
 */
export function scalingFigureSpec(report: ScalingReport): TopLevelSpec {
  const measured = report.results.map((row) => ({
    series: row.series,
    units: row.units,
    seconds: row.secondsPerEpoch.median,
    min: row.secondsPerEpoch.min,
    max: row.secondsPerEpoch.max,
    order: row[row.sweep],
  }));
  const unitRange = [Math.min(...measured.map((m) => m.units)), Math.max(...measured.map((m) => m.units))];
  const reference = unitRange.map((units, order) => ({
    series: REFERENCE,
    units,
    seconds: report.model.c * units,
    order,
  }));
  const series = [...new Set(measured.map((m) => m.series)), REFERENCE];
  const x = {
    field: "units",
    type: "quantitative" as const,
    scale: { type: "log" as const },
    axis: { title: "work units: members × points × width²", format: "~s" },
  };
  const y = {
    field: "seconds",
    type: "quantitative" as const,
    scale: { type: "log" as const },
    axis: { title: "seconds per epoch", format: "~g" },
  };
  const color = {
    field: "series",
    type: "nominal" as const,
    scale: { domain: series, range: [...COLOURS.slice(0, series.length - 1), "#222"] },
    legend: { title: null },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `Training cost, backend-matrix (c = ${report.model.c.toPrecision(3)} s per unit)`,
    width: 520,
    height: 380,
    config: {
      font: FONT,
      // No aria labels: they would describe every data point and bloat the SVG.
      aria: false,
      background: "white",
      padding: 8,
      view: { stroke: "#222" },
      axis: {
        grid: true,
        gridColor: "#eee",
        domainColor: "#222",
        tickColor: "#222",
        labelFontSize: 11,
        titleFontSize: 13,
        titleFontWeight: "normal",
      },
      legend: { orient: "right", labelFontSize: 12, labelLimit: 0 },
      title: { fontSize: 13, fontWeight: "normal" },
    },
    layer: [
      {
        data: { values: reference },
        mark: { type: "line", strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x, y, color, order: { field: "order" } },
      },
      {
        data: { values: measured },
        mark: { type: "rule", strokeWidth: 1 },
        encoding: { x, y: { ...y, field: "min" }, y2: { field: "max" }, color },
      },
      {
        data: { values: measured },
        mark: { type: "line", point: { filled: true, size: 36 }, strokeWidth: 1.5 },
        encoding: { x, y, color, order: { field: "order" } },
      },
    ],
  };
}
