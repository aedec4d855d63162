import type { ReliabilityBin } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { reliabilityFigure } from "./reliability-spec.js";
import { renderFigure } from "./render.js";

const bins: ReliabilityBin[] = Array.from({ length: 15 }, (_, b) => ({
  lower: b / 15,
  upper: (b + 1) / 15,
  count: b === 9 ? 2 : b === 14 ? 3 : 0,
  confidence: b === 9 ? 0.63 : b === 14 ? 0.98 : null,
  accuracy: b === 9 ? 0.5 : b === 14 ? 1 : null,
}));

describe("reliabilityFigure", () => {
  const spec = reliabilityFigure(bins, 0.0815);
  const layers = (spec as unknown as { layer: { data: { values: Record<string, number>[] } }[] }).layer;

  it("draws one bar per bin that holds points, as tall as its accuracy, beside the diagonal", () => {
    expect(layers[0]!.data.values).toEqual([
      { lower: 9 / 15, upper: 10 / 15, accuracy: 0.5, confidence: 0.63, count: 2 },
      { lower: 14 / 15, upper: 1, accuracy: 1, confidence: 0.98, count: 3 },
    ]);
    expect(layers[2]!.data.values).toEqual([
      { lower: 0, accuracy: 0 },
      { lower: 1, accuracy: 1 },
    ]);
  });

  it("renders, with the ECE in its title", async () => {
    const { svg, png } = await renderFigure(spec);
    expect(svg).toContain("Reliability diagram (ECE 0.0815, 15 bins)");
    expect(svg).toContain("accuracy");
    expect(png.length).toBeGreaterThan(1000);
  });
});
