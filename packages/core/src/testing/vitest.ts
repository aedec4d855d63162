import { describe, it } from "vitest";
import { CONFORMANCE_CASES, type ConformanceTarget } from "./cases.js";

/**
 * Options of describeConformance: the target backend, cases to skip with their reasons, and a per-test timeout in ms (default 60,000).
 */
export interface ConformanceSuiteOptions extends ConformanceTarget {
  /** Case names to skip, each with the reason (printed as the test's name). */
  readonly skip?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Registers every conformance case as a Vitest test for one backend. */
export function describeConformance(label: string, options: ConformanceSuiteOptions): void {
  describe(`conformance: ${label}`, () => {
    for (const testCase of CONFORMANCE_CASES) {
      const { heads } = options.backend.capabilities;
      const reason =
        options.skip?.[testCase.name] ??
        (testCase.needs === "train" && !options.backend.capabilities.train ? "inference-only backend" : undefined) ??
        (testCase.head && !heads.includes(testCase.head)
          ? `the backend does not declare the "${testCase.head}" head (capabilities.heads: ${heads.join(", ")})`
          : undefined);
      if (reason) {
        it.skip(`${testCase.name} (skipped: ${reason})`, () => {});
        continue;
      }
      it(testCase.name, () => testCase.run(options), options.timeoutMs ?? 60_000);
    }
  });
}
