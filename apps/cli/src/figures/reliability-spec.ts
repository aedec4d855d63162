import type { ReliabilityBin } from "@rpf/core";
import type { TopLevelSpec } from "vega-lite";
import { singlePanelFigure } from "./figure-frame.js";
import type { Panel } from "./panel.js";

const UNIT = (title: string) => ({
  type: "quantitative" as const,
  title,
  scale: { domain: [0, 1], nice: false, zero: true },
});

/**
 * The reliability diagram of Guo et al. (2017, Figure 1, bottom): for each confidence bin holding
 * points, a bar from the bin's lower to upper edge as tall as its accuracy, and a dot at its mean
 * confidence. A calibrated classifier's bars reach the dashed diagonal; bars below it mean
 * overconfidence. Empty bins are left out; `ece` is written in the title.
 */
export function reliabilityFigure(bins: readonly ReliabilityBin[], ece: number): TopLevelSpec {
  const rows = bins.flatMap((bin) =>
    bin.count > 0 && bin.accuracy !== null && bin.confidence !== null
      ? [{ lower: bin.lower, upper: bin.upper, accuracy: bin.accuracy, confidence: bin.confidence, count: bin.count }]
      : [],
  );
  const body: Panel = {
    title: `Reliability diagram (ECE ${Number(ece.toPrecision(3))}, ${bins.length} bins)`,
    width: 300,
    height: 300,
    layer: [
      {
        data: { values: rows },
        mark: { type: "rect", color: "#1f77b4", opacity: 0.8, stroke: "white", strokeWidth: 1 },
        encoding: {
          x: { field: "lower", ...UNIT("confidence (probability of the predicted class)") },
          x2: { field: "upper" },
          y: { field: "accuracy", ...UNIT("accuracy") },
          y2: { datum: 0 },
        },
      },
      {
        data: { values: rows },
        mark: { type: "point", filled: true, color: "#d62728", size: 30 },
        encoding: { x: { field: "confidence", type: "quantitative" }, y: { field: "accuracy", type: "quantitative" } },
      },
      {
        data: {
          values: [
            { lower: 0, accuracy: 0 },
            { lower: 1, accuracy: 1 },
          ],
        },
        mark: { type: "line", color: "#888", strokeDash: [5, 4], strokeWidth: 1.5 },
        encoding: { x: { field: "lower", type: "quantitative" }, y: { field: "accuracy", type: "quantitative" } },
      },
    ],
  };
  return singlePanelFigure(body);
}
