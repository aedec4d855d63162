import { describe, expect, it } from "vitest";
import { calibrationFigure, pitHistogramFigure } from "./evaluation-specs.js";
import { renderFigure } from "./render.js";

/** The data rows of a single-panel figure's layer. */
function layerRows(spec: object, layer: number): Record<string, number>[] {
  const layers = (spec as { layer: { data: { values: Record<string, number>[] } }[] }).layer;
  return layers[layer]!.data.values;
}

describe("pitHistogramFigure", () => {
  // 4 values: bins 0.0–0.1 (one), 0.1–0.2 (two), 0.9–1.0 (one).
  const spec = pitHistogramFigure([0.05, 0.15, 0.19, 0.95]);

  it("draws ten bins as a density, count / (n · 0.1), so a flat histogram stands at 1", () => {
    const rows = layerRows(spec, 0);
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.density)).toEqual([2.5, 5, 0, 0, 0, 0, 0, 0, 0, 2.5]);
    expect(rows[3]).toMatchObject({ lo: 0.3, hi: 0.4 });
    expect(layerRows(spec, 1)).toEqual([{ density: 1 }]);
  });

  it("renders, with its title and axis", async () => {
    const { svg } = await renderFigure(spec);
    expect(svg).toContain("PIT histogram");
    expect(svg).toContain("density");
  });
});

describe("calibrationFigure", () => {
  const curve = [
    { level: 0.5, observed: 0.4 },
    { level: 0.9, observed: 0.85 },
  ];
  const spec = calibrationFigure(curve);

  it("plots observed against expected coverage beside the diagonal", () => {
    expect(layerRows(spec, 0)).toEqual([
      { expected: 0, observed: 0 },
      { expected: 1, observed: 1 },
    ]);
    expect(layerRows(spec, 1)).toEqual([
      { expected: 0.5, observed: 0.4 },
      { expected: 0.9, observed: 0.85 },
    ]);
  });

  it("renders, with both axes named", async () => {
    const { svg } = await renderFigure(spec);
    expect(svg).toContain("expected coverage");
    expect(svg).toContain("observed coverage");
  });
});
