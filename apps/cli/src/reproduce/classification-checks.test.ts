import { describe, expect, it } from "vitest";
import { classificationChecks } from "./classification-checks.js";

const cell = (dataset: string, name: string, meanMiOnData: number, meanMiOnRing: number) => ({
  dataset,
  cell: name,
  meanMiOnData,
  meanMiOnRing,
});

describe("classificationChecks", () => {
  it("pass when, averaged over the sets, the full cell disagrees more on the ring than on the data and than the plain cell", () => {
    const checks = classificationChecks([
      cell("a", "prior and bootstrap", 0.01, 0),
      cell("b", "prior and bootstrap", 0.01, 0.3),
      cell("a", "no prior, no bootstrap", 0, 0),
      cell("b", "no prior, no bootstrap", 0, 0.1),
    ]);
    expect(checks.map((c) => c.pass)).toEqual([true, true]);
  });

  it("fail when the ring is no more uncertain than the data, or the plain cell matches the full one", () => {
    const checks = classificationChecks([
      cell("a", "prior and bootstrap", 0.2, 0.1),
      cell("a", "no prior, no bootstrap", 0, 0.1),
    ]);
    expect(checks.map((c) => c.pass)).toEqual([false, false]);
  });
});
