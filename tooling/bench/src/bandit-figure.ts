import type { TopLevelSpec } from "vega-lite";
import type { BanditReport } from "./bandit-report.js";
import { summarise } from "./bandit-report.js";

/** Distinct on white and for the common colour-vision deficiencies (Okabe–Ito). */
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#999999"];

/** Normalised cumulative regret against δ, one line per agent, mean ± std over seeds as error bars. */
export function banditFigureSpec(report: BanditReport): TopLevelSpec {
  const values = summarise(report.runs).flatMap((row) =>
    row.agents.map((a) => ({
      delta: String(row.delta),
      agent: a.agent,
      mean: a.mean,
      low: a.mean - a.std,
      high: a.mean + a.std,
    })),
  );
  const agents = [...new Set(values.map((v) => v.agent))];
  const x = {
    field: "delta",
    type: "ordinal" as const,
    title: "δ (exploration needed grows →)",
    sort: null,
    axis: { labelAngle: 0 },
  };
  const title = "cumulative regret / uniform's";
  const color = { field: "agent", type: "nominal" as const, scale: { domain: agents, range: COLOURS }, title: null };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `Wheel bandit: cumulative regret / uniform's (${report.steps} steps, ${report.seeds.length} seeds)`,
    width: 440,
    height: 300,
    config: {
      font: "DejaVu Sans, sans-serif",
      aria: false,
      background: "white",
      padding: 8,
      view: { stroke: "#222" },
      axis: { grid: true, gridColor: "#eee", labelFontSize: 11, titleFontSize: 13, titleFontWeight: "normal" },
      legend: { orient: "right", labelFontSize: 12, labelLimit: 0 },
      title: { fontSize: 13, fontWeight: "normal" },
    },
    data: { values },
    layer: [
      {
        mark: { type: "line", point: true },
        encoding: { x, y: { field: "mean", type: "quantitative", title }, color },
      },
      {
        mark: { type: "errorbar", ticks: { size: 10 } },
        encoding: { x, y: { field: "low", type: "quantitative", title }, y2: { field: "high" }, color },
      },
    ],
  };
}
