import { Resvg } from "@resvg/resvg-js";
import { DataError, ShapeError } from "@rpf/core";
import { compile, type TopLevelSpec } from "vega-lite";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type AblationPanel,
  ablationFigure,
  type BetaSweepPanel,
  betaSweepFigure,
  dataFigure,
  ensembleMembersFigure,
  type MemberCurves,
  singleModelFigure,
} from "./index.js";
import { renderFigure } from "./render.js";

/** The notebook's prediction grid: jnp.linspace(-5, 5, 1000). */
const grid = Float32Array.from({ length: 1000 }, (_, i) => -5 + (10 * i) / 999);
const curve = (f: (x: number) => number) => grid.map(f);

const data = {
  x: Float32Array.from({ length: 20 }, (_, i) => i / 40),
  y: Float32Array.from({ length: 20 }, (_, i) => i / 40 + 0.3 * Math.sin((2 * Math.PI * i) / 40)),
};

const member = (k: number): MemberCurves => ({
  prior: curve((x) => 0.1 * k * x),
  trainable: curve((x) => Math.sin(x) - 0.3 * k * x),
  resultant: curve((x) => Math.sin(x)),
});
const members = Array.from({ length: 9 }, (_, k) => member(k));

const summary = (spread: number) => ({
  mean: curve((x) => 0.5 * x),
  std: curve((x) => spread * Math.abs(x - 0.25)),
});
const betaPanels: BetaSweepPanel[] = [0.001, 5, 50, 100].map((beta) => ({
  // Through float32, as β comes back from a model file.
  beta: Math.fround(beta),
  ...summary(beta / 100),
  members: members.map((m) => m.resultant),
}));
const ablationTitles = [
  "Full model with priors and bootstrap",
  "No bootstrapping, but use of priors",
  "No priors, but use of bootstrapping",
  "Both bootstrapping and priors turned off",
];
const ablationPanels: AblationPanel[] = ablationTitles.map((title, i) => ({ title, ...summary(0.5 / (i + 1)) }));

/** Gaussian-head summaries: std is the total, aleatoricStd the part the members predict as noise. */
const gaussianPanels: AblationPanel[] = ablationPanels.map((p) => ({
  ...p,
  aleatoricStd: curve((x) => 0.05 + 0.2 * Math.abs(x)),
  std: curve((x) => Math.hypot(0.05 + 0.2 * Math.abs(x), 0.4 * Math.abs(x - 0.25))),
}));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The rows of every inline data set (`data.values`) in a spec, wherever the figure nests its panels. */
function inlineRows(spec: unknown): Record<string, unknown>[] {
  if (typeof spec !== "object" || spec === null) return [];
  const data = "data" in spec ? (spec.data as { values?: Record<string, unknown>[] }) : undefined;
  return [...(data?.values ?? []), ...Object.values(spec).flatMap(inlineRows)];
}

const figures: [string, () => TopLevelSpec, string[]][] = [
  ["dataFigure", () => dataFigure(data), ["Toy data"]],
  [
    "singleModelFigure",
    () => singleModelFigure(data, grid, member(1), 3),
    ["Single model: β = 3", "Toy data", "prior net (β·p)", "trainable net (t)", "resultant (g)"],
  ],
  [
    "ensembleMembersFigure",
    () => ensembleMembersFigure(data, grid, members),
    ["prior net (β·p)", "Ensemble: Model #1", "Ensemble: Model #8"],
  ],
  [
    "betaSweepFigure",
    () => betaSweepFigure(data, grid, betaPanels),
    ["mean ± 1σ", "mean ± 2σ", "β = 0.001", "β = 5", "β = 50", "β = 100", "β = 100: members"],
  ],
  ["ablationFigure", () => ablationFigure(data, grid, ablationPanels), ["mean", ...ablationTitles]],
  [
    "ablationFigure of Gaussian-head models",
    () => ablationFigure(data, grid, gaussianPanels),
    ["aleatoric ± 2σ", "total ± 2σ", ...ablationTitles],
  ],
];

describe.each(figures)("%s", (_name, build, texts) => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("renders to an SVG with its titles and legend, and to a PNG", async () => {
    const { svg, png } = await renderFigure(build());
    for (const text of texts) expect(svg).toContain(`>${text}</text>`);
    expect(svg).toContain(">x</text>");
    expect(svg).toContain(">y</text>");
    // One legend for the whole figure, however many panels it has.
    expect(svg.match(/class="mark-group role-legend"/g)).toHaveLength(1);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it("compiles without a Vega-Lite warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    compile(build());
    expect(warn).not.toHaveBeenCalled();
  });

  it("plots only x in [-0.5, 1]", () => {
    const xs = inlineRows(build()).map((row) => row.x as number);
    expect(xs.length).toBeGreaterThan(0);
    expect(xs.every((x) => x >= -0.5 && x <= 1)).toBe(true);
  });
});

describe("figure contents", () => {
  it("draws each curve as given, at the 150 grid points in the window", () => {
    const rows = inlineRows(singleModelFigure(data, grid, member(2), 3));
    const prior = rows.filter((row) => row.series === "prior net (β·p)");
    expect(prior).toHaveLength(150);
    for (const row of prior) expect(row.y as number).toBeCloseTo(0.2 * (row.x as number), 5);
  });

  it("draws each curve as one path, not a symbol at every grid point", async () => {
    const { svg } = await renderFigure(singleModelFigure(data, grid, member(1), 3));
    // 20 data crosses, 3 curves, and the frame, axes and legend: far fewer than the 450 vertices.
    expect(svg.match(/<path /g)?.length).toBeLessThan(100);
  });

  it("draws the bands in red at the notebook's opacities, 0.5 for ±1σ and 0.2 for ±2σ", async () => {
    const { svg } = await renderFigure(ablationFigure(data, grid, ablationPanels.slice(0, 1)));
    const bands = svg.match(/<path d="M[^"]{2000,}" fill="red" opacity="[\d.]+"/g) ?? [];
    expect(bands.map((band) => band.match(/opacity="([\d.]+)"/)?.[1]).sort()).toEqual(["0.2", "0.5"]);
  });

  it("shows the first 8 of 9 members, as the notebook does", async () => {
    const { svg } = await renderFigure(ensembleMembersFigure(data, grid, members));
    expect(svg).toContain(">Ensemble: Model #8</text>");
    expect(svg).not.toContain("Model #9");
  });

  it("keeps a band whose values elsewhere are far outside the panel", async () => {
    // Pink band pixels at zoom 1: an unclamped huge value makes resvg drop the whole band.
    const bandPixels = async (outside: number) => {
      const mean = curve((x) => (x < 0 ? -outside : x > 0.3 ? outside : x));
      const { svg } = await renderFigure(ablationFigure(data, grid, [{ title: "t", mean, std: curve(() => 0.1) }]));
      const pixels = new Resvg(svg).render().pixels;
      let pink = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i]! > 200 && pixels[i + 1]! > 60 && pixels[i + 1]! < 230) pink++;
      }
      return pink;
    };
    const near = await bandPixels(5);
    expect(near).toBeGreaterThan(1000);
    expect(await bandPixels(3e38)).toBeCloseTo(near, -2);
  });
});

describe("a Gaussian-head model's bands", () => {
  it("draws the total ±2σ band and the aleatoric ±2σ band around the mean, and no ±1σ band", () => {
    const rows = inlineRows(ablationFigure(data, grid, gaussianPanels.slice(0, 1)));
    const band = (series: string) => rows.filter((row) => row.series === series);
    const total = band("total ± 2σ");
    const aleatoric = band("aleatoric ± 2σ");
    expect(total).toHaveLength(150);
    expect(aleatoric).toHaveLength(150);
    expect(band("mean ± 1σ")).toHaveLength(0);
    const i = grid.findIndex((x) => x >= 0.5);
    const row = aleatoric.find((r) => r.x === grid[i])!;
    const [mean, noise] = [gaussianPanels[0]!.mean[i]!, gaussianPanels[0]!.aleatoricStd![i]!];
    expect(row.lo).toBeCloseTo(mean - 2 * noise, 6);
    expect(row.hi).toBeCloseTo(mean + 2 * noise, 6);
    const outer = total.find((r) => r.x === grid[i])!;
    expect(outer.hi as number).toBeGreaterThan(row.hi as number);
  });

  it("rejects an aleatoric std that does not match the grid, or is not finite", () => {
    const short = [{ ...gaussianPanels[0]!, aleatoricStd: new Float32Array(3) }];
    expect(() => ablationFigure(data, grid, short)).toThrow(ShapeError);
    const nan = [{ ...gaussianPanels[0]!, aleatoricStd: grid.map(() => Number.NaN) }];
    expect(() => ablationFigure(data, grid, nan)).toThrow(/panels\[0\]\.aleatoricStd/);
  });
});

describe("invalid inputs", () => {
  const withNaN = (values: Float32Array, at: number) => {
    const copy = values.slice();
    copy[at] = Number.NaN;
    return copy;
  };

  it("rejects a non-finite prediction, naming the member and curve", () => {
    const bad = [...members];
    bad[2] = { ...member(2), trainable: withNaN(member(2).trainable, 500) };
    expect(() => ensembleMembersFigure(data, grid, bad)).toThrow(DataError);
    expect(() => ensembleMembersFigure(data, grid, bad)).toThrow("members[2].trainable");
  });

  it("rejects a non-finite value outside the plotted window too: it means training diverged", () => {
    const panels = [{ ...ablationPanels[0]!, std: withNaN(ablationPanels[0]!.std, 0) }];
    expect(() => ablationFigure(data, grid, panels)).toThrow("panels[0].std");
  });

  it("rejects a non-finite grid, data point or β", () => {
    expect(() => singleModelFigure(data, withNaN(grid, 3), member(1), 3)).toThrow("grid");
    expect(() => dataFigure({ x: data.x, y: withNaN(data.y, 1) })).toThrow("data.y");
    expect(() => singleModelFigure(data, grid, member(1), Number.NaN)).toThrow("beta");
  });

  it("rejects curves that do not match the grid, and empty panel lists", () => {
    const short = [{ ...betaPanels[0]!, members: [new Float32Array(10)] }];
    expect(() => betaSweepFigure(data, grid, short)).toThrow(ShapeError);
    expect(() => betaSweepFigure(data, grid, [])).toThrow(ShapeError);
    expect(() => ensembleMembersFigure(data, grid, [])).toThrow(ShapeError);
  });
});
