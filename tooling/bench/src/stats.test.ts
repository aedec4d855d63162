import { describe, expect, it } from "vitest";
import { summarize } from "./stats.js";

describe("summarize", () => {
  it("takes the middle sample of an odd count, whatever the order", () => {
    expect(summarize([3, 1, 2])).toEqual({ runs: 3, median: 2, min: 1, max: 3 });
  });

  it("averages the two middle samples of an even count", () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ runs: 4, median: 2.5, min: 1, max: 4 });
  });
});
