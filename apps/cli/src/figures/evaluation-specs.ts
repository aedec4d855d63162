import { type CalibrationPoint, pitHistogram } from "@rpf/core";
import type { TopLevelSpec } from "vega-lite";
import { singlePanelFigure } from "./figure-frame.js";
import type { Panel } from "./panel.js";

/** Ten bins of width 0.1: enough to show a slope or a U with a few dozen test rows. */
export const PIT_BINS = 10;

const SIZE = { width: 420, height: 300 };
const REFERENCE = { type: "rule" as const, color: "#888", strokeDash: [5, 4], strokeWidth: 1.5 };
const UNIT = (title: string) => ({
  type: "quantitative" as const,
  title,
  scale: { domain: [0, 1], nice: false, zero: true },
});

/**
 * The PIT histogram as a density (count / (n · bin width)), so a calibrated model's bars stand
 * at the dashed line 1: a U shape means intervals too narrow, a hump too wide, a slope a bias.
 */
export function pitHistogramFigure(pit: ArrayLike<number>): TopLevelSpec {
  const counts = pitHistogram(pit, PIT_BINS);
  const rows = counts.map((count, i) => ({
    lo: i / PIT_BINS,
    hi: (i + 1) / PIT_BINS,
    density: (count * PIT_BINS) / pit.length,
  }));
  const body: Panel = {
    title: "PIT histogram (flat at 1 when calibrated)",
    ...SIZE,
    layer: [
      {
        data: { values: rows },
        mark: { type: "rect", color: "#1f77b4", stroke: "white", strokeWidth: 1 },
        encoding: {
          x: { field: "lo", ...UNIT("PIT = Φ((y − mean) / std)") },
          x2: { field: "hi" },
          y: { field: "density", type: "quantitative", title: "density", scale: { zero: true } },
          y2: { datum: 0 },
        },
      },
      {
        data: { values: [{ density: 1 }] },
        mark: REFERENCE,
        encoding: { y: { field: "density", type: "quantitative" } },
      },
    ],
  };
  return singlePanelFigure(body);
}

/**
 * Observed against expected coverage of central intervals: on the dashed diagonal when the
 * intervals hold what they claim; below it when they are too narrow.
 */
export function calibrationFigure(curve: readonly CalibrationPoint[]): TopLevelSpec {
  const rows = curve.map(({ level, observed }) => ({ expected: level, observed }));
  const body: Panel = {
    title: "Calibration of central intervals",
    ...SIZE,
    width: SIZE.height,
    encoding: { x: { field: "expected", ...UNIT("expected coverage (level)") } },
    layer: [
      {
        data: {
          values: [
            { expected: 0, observed: 0 },
            { expected: 1, observed: 1 },
          ],
        },
        mark: { ...REFERENCE, type: "line" },
        encoding: { y: { field: "observed", ...UNIT("observed coverage") } },
      },
      {
        data: { values: rows },
        mark: { type: "line", color: "#1f77b4", strokeWidth: 2, point: { filled: true, size: 40 } },
        encoding: { y: { field: "observed", ...UNIT("observed coverage") } },
      },
    ],
  };
  return singlePanelFigure(body);
}
