import { CLASSIFICATION_RING, planeGrid } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { classificationFigure } from "./classification-specs.js";

describe("classificationFigure", () => {
  const plane = planeGrid(4, 3);
  const g = plane.length / 2;
  const spec = classificationFigure({
    title: "xor",
    plane,
    extent: 4,
    count: 3,
    x: Float32Array.from([1, 1, -1, 1]),
    classIndex: Int32Array.from([0, 1]),
    ringRadius: CLASSIFICATION_RING.radius,
    panels: ["a", "b"].map((title) => ({
      title,
      probability: new Float32Array(g).fill(0.25),
      mutualInformation: new Float32Array(g).fill(0.5),
    })),
  }) as unknown as {
    vconcat: { hconcat: { title: string; layer: { data: { values: Record<string, number>[] } }[] }[] }[];
  };

  it("has a row of predicted class and a row of mutual information, one column per cell", () => {
    expect(spec.vconcat.map((row) => row.hconcat.map((p) => p.title))).toEqual([
      ["a", "b"],
      ["mutual information", "mutual information"],
    ]);
  });

  it("tiles the plane: one cell per grid point, each as wide as the grid's step", () => {
    const cells = spec.vconcat[0]!.hconcat[0]!.layer[0]!.data.values;
    expect(cells).toHaveLength(g);
    expect(cells[0]).toEqual({ a: -6, b: -2, c: -6, d: -2, v: 0.25 });
    expect(cells.at(-1)).toEqual({ a: 2, b: 6, c: 2, d: 6, v: 0.25 });
  });
});
