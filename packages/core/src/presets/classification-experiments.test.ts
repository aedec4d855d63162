import { describe, expect, it } from "vitest";
import { CLASSIFICATION_2D_EXTENT, CLASSIFICATION_2D_NAMES } from "../data/toy-2d.js";
import { InvalidArgumentError } from "../errors.js";
import {
  CLASSIFICATION_ABLATION,
  CLASSIFICATION_PLANE,
  CLASSIFICATION_RING,
  classificationExperimentData,
  planeGrid,
  ringPoints,
} from "./classification-experiments.js";

describe("the 2D classification ablation's presets", () => {
  it("crosses prior (β > 0 or 0) with bootstrap (on or off) on all four sets", () => {
    expect(CLASSIFICATION_ABLATION.datasets).toEqual(["circle", "xor", "clusters", "spiral"]);
    const cells = CLASSIFICATION_ABLATION.cells.map((c) => [c.priorScale > 0, c.bootstrap]);
    expect(cells).toEqual([
      [true, "resample"],
      [true, "none"],
      [false, "resample"],
      [false, "none"],
    ]);
    expect(CLASSIFICATION_ABLATION.cells.filter((c) => c.priorScale === 0)).toHaveLength(2);
  });

  it("planeGrid runs x₁ fastest from the lower left corner to the upper right", () => {
    const grid = planeGrid(2, 3);
    expect(Array.from(grid)).toEqual([-2, -2, 0, -2, 2, -2, -2, 0, 0, 0, 2, 0, -2, 2, 0, 2, 2, 2]);
    const plane = planeGrid(CLASSIFICATION_PLANE.extent, CLASSIFICATION_PLANE.count);
    expect(plane.length).toBe(2 * CLASSIFICATION_PLANE.count ** 2);
  });

  it("ringPoints lie evenly on the circle, counter-clockwise from angle 0", () => {
    const ring = ringPoints(2, 4);
    const expected = [2, 0, 0, 2, -2, 0, 0, -2];
    for (const [i, v] of ring.entries()) expect(v).toBeCloseTo(expected[i]!, 6);
    const far = ringPoints(CLASSIFICATION_RING.radius, CLASSIFICATION_RING.points);
    for (let i = 0; i < CLASSIFICATION_RING.points; i++)
      expect(Math.hypot(far[2 * i]!, far[2 * i + 1]!)).toBeCloseTo(CLASSIFICATION_RING.radius, 4);
  });

  it("the ring lies inside the figures' plane and at least 6 from every training point of every set", () => {
    expect(CLASSIFICATION_RING.radius).toBeLessThan(CLASSIFICATION_PLANE.extent);
    expect(CLASSIFICATION_RING.radius).toBe(2.5 * CLASSIFICATION_2D_EXTENT);
    for (const name of CLASSIFICATION_2D_NAMES) {
      const { x, n } = classificationExperimentData(name);
      let farthest = 0;
      for (let i = 0; i < n; i++) farthest = Math.max(farthest, Math.hypot(x[2 * i]!, x[2 * i + 1]!));
      expect(CLASSIFICATION_RING.radius - farthest, name).toBeGreaterThan(6);
    }
  });

  it("refuses a grid or ring it cannot draw", () => {
    expect(() => planeGrid(1, 1)).toThrow(InvalidArgumentError);
    expect(() => planeGrid(0, 5)).toThrow(/positive finite extent/);
    expect(() => ringPoints(1, 0)).toThrow(/count/);
    expect(() => ringPoints(Number.NaN, 4)).toThrow(/radius/);
  });
});
