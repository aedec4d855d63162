import { describe, expect, it } from "vitest";
import { compactNumber } from "./compact-number.js";

describe("compactNumber", () => {
  it.each([
    [1e6, "1e6"],
    [1_000_000.0000001, "1e6"],
    [2_500_000, "2.5e6"],
    [-1e6, "-1e6"],
    [100_000, "1e5"],
    [99_999, "99,999"],
    [12_500, "12,500"],
    [0, "0"],
    [0.1 + 0.2, "0.3"],
    [-0.75, "-0.75"],
    [0.001, "0.001"],
    [0.00025, "2.5e-4"],
    [1e-12, "1e-12"],
    [1.2345678, "1.23457"],
  ])("%d is %s", (value, label) => {
    expect(compactNumber(value)).toBe(label);
  });

  it("keeps labels short at any scale", () => {
    for (let exponent = -15; exponent <= 15; exponent++) {
      expect(compactNumber(3.7 * 10 ** exponent).length).toBeLessThanOrEqual(7);
    }
  });
});
