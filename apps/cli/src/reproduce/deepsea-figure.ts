import type { DeepSeaReport } from "@rpf/decisions";
import type { TopLevelSpec } from "vega-lite";
import { singlePanelFigure } from "../figures/figure-frame.js";

/**
 * Episodes to learn against N, one colour per agent (β), one point per seed: a filled circle
 * learned, an open square spent the whole budget without learning (drawn at the budget).
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
  const color = {
    field: "agent",
    type: "nominal" as const,
    scale: { domain: agents, range: ["#0072B2", "#D55E00"] },
    title: null,
  };
  const x = { field: "n", type: "quantitative" as const, title: "N (grid size)", scale: { zero: false } };
  const y = { field: "episodes", type: "quantitative" as const, title: "episodes" };
  const points = (outcome: string, mark: { shape: string; filled: boolean }) => ({
    transform: [{ filter: { field: "outcome", equal: outcome } }],
    mark: { type: "point" as const, size: 80, strokeWidth: 2, ...mark },
    encoding: { x, y, color },
  });
  return singlePanelFigure({
    title: {
      text: `DeepSea: episodes to learn (budget ${report.budget}, seeds ${report.seeds.join(", ")})`,
      subtitle: "filled circle: learned; open square: not learned within the budget; line: the slowest seed",
    },
    width: 440,
    height: 300,
    data: { values },
    layer: [
      { mark: { type: "line", opacity: 0.6 }, encoding: { x, y: { ...y, aggregate: "max" }, color } },
      points("learned", { shape: "circle", filled: true }),
      points("not learned (budget)", { shape: "square", filled: false }),
    ],
  });
}
