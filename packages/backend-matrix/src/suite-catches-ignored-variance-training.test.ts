import type { Backend, EnsembleSpec } from "@rpf/core";
import { ConformanceFailure, FLOAT64_TOLERANCES, runConformanceCase } from "@rpf/core/testing";
import { describe, expect, it } from "vitest";
import { matrixBackend } from "./index.js";

/** The real backend, handed every spec with one field put back to its default: it ignores that field. */
function ignoring(field: "varianceWeighting" | "meanWarmup"): Backend {
  return {
    ...matrixBackend,
    createEnsemble: (init, options) =>
      matrixBackend.createEnsemble({ ...init, spec: { ...init.spec, [field]: 0 } as EnsembleSpec }, options),
  };
}

const CASES = {
  varianceWeighting: [
    "gaussian head: β-NLL scales each example's gradient by its variance to the power varianceWeighting",
    "gaussian head: the β-NLL gradient matches central finite differences of the NLL weighted by the held variances",
  ],
  meanWarmup: ["gaussian head: mean warm-up fits the mean alone by squared error for its first meanWarmup epochs"],
} as const;

describe("the conformance suite catches a backend that ignores how the Gaussian head trains its mean", () => {
  for (const [field, names] of Object.entries(CASES) as [keyof typeof CASES, readonly string[]][]) {
    for (const name of names) {
      it(`fails a backend that ignores ${field}: ${name}`, async () => {
        await expect(
          runConformanceCase(name, { backend: ignoring(field), tolerances: FLOAT64_TOLERANCES }),
        ).rejects.toBeInstanceOf(ConformanceFailure);
      });

      it(`passes the real backend: ${name}`, async () => {
        await runConformanceCase(name, { backend: matrixBackend, tolerances: FLOAT64_TOLERANCES });
      });
    }
  }
});
