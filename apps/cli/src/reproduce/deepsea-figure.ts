import type { DeepSeaReport } from "@rpf/decisions";
import type { TopLevelSpec } from "vega-lite";
import { singlePanelFigure } from "../figures/figure-frame.js";

/**
 * Episodes to learn against N, one colour per agent (β), one point per seed: a filled point
 * learned, an open one spent the whole budget without learning (drawn at the budget).
 */
export function deepSeaFigure(report: DeepSeaReport): TopLevelSpec {
  const values = report.cells.flatMap((cell) =>
    cell.runs.map((run) => ({
      agent: run.beta > 0 ? `β = ${run.beta} (priors)` : "β = 0 (no priors)",
      n: run.n,
      seed: run.seed,
      episodes: run.episodes,
      outcome: run.learned ? "learned" : "not learned (budget)",
    })),
  );
  const agents = [...new Set(values.map((v) => v.agent))];
  return singlePanelFigure({
    title: `DeepSea: episodes to learn (budget ${report.budget}, seeds ${report.seeds.join(", ")})`,
    width: 440,
    height: 300,
    data: { values },
    layer: [
      {
        mark: { type: "line", opacity: 0.5 },
        encoding: {
          x: { field: "n", type: "quantitative", title: "N (grid size)", scale: { zero: false } },
          y: { field: "episodes", type: "quantitative", aggregate: "max", title: "episodes" },
          color: {
            field: "agent",
            type: "nominal",
            scale: { domain: agents, range: ["#0072B2", "#D55E00"] },
            title: null,
          },
        },
      },
      {
        mark: { type: "point", size: 70, strokeWidth: 2 },
        encoding: {
          x: { field: "n", type: "quantitative" },
          y: { field: "episodes", type: "quantitative" },
          color: {
            field: "agent",
            type: "nominal",
            scale: { domain: agents, range: ["#0072B2", "#D55E00"] },
            title: null,
          },
          shape: { field: "outcome", type: "nominal", title: null },
          fill: {
            condition: { test: "datum.outcome === 'learned'", field: "agent", type: "nominal" },
            value: "white",
          },
        },
      },
    ],
  });
}
