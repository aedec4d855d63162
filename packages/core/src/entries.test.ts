import { describe, expect, it } from "vitest";
import * as backendEntry from "./backend/index.js";
import { packagesReachedFrom } from "./import-graph.fixture.js";
import * as main from "./index.js";
import * as randomEntry from "./random/index.js";

/**
 * `@rpf/core` is for users; what only backends need is `@rpf/core/backend`, the PRNG is
 * `@rpf/core/random`, and the conformance suite (which needs fast-check) is `@rpf/core/testing`.
 * These tests hold the main entry to that: none of the other entries' values, and no test library
 * anywhere in its module graph.
 */
describe("core's entry points", () => {
  it("the main entry exports no backend-author or PRNG value", () => {
    const mainNames = new Set(Object.keys(main));
    expect(Object.keys(backendEntry).filter((name) => mainNames.has(name))).toEqual([]);
    expect(Object.keys(randomEntry).filter((name) => mainNames.has(name))).toEqual([]);
  });

  it("the main entry exports what a user needs", () => {
    for (const name of ["Ensemble", "resolveEnsembleSpec", "datasetFromCsv", "summarizeMembers", "crpsGaussian"]) {
      expect(main).toHaveProperty(name);
    }
    for (const name of ["encodeModel", "decodeModel", "sniffModelFile", "RpfError", "isRpfError"]) {
      expect(main).toHaveProperty(name);
    }
  });

  it("the backend entry holds the contract's helpers, the random entry the keys", () => {
    for (const name of ["HandleSession", "registerBackend", "initEnsembleParams", "validateTrainingState"]) {
      expect(backendEntry).toHaveProperty(name);
    }
    for (const name of ["TimeSlicer", "allocateRawPrediction", "bootstrapWeights", "mlpLayout"]) {
      expect(backendEntry).toHaveProperty(name);
    }
    for (const name of ["keyFromSeed", "splitKey", "foldIn", "threefry2x32", "normal", "uniform"]) {
      expect(randomEntry).toHaveProperty(name);
    }
  });

  it("no entry but testing reaches fast-check or vitest", () => {
    for (const entry of ["index.ts", "backend/index.ts", "random/index.ts"]) {
      const reached = [...packagesReachedFrom(entry)];
      expect(
        reached.filter((name) => /^(fast-check|vitest)(\/|$)/.test(name)),
        entry,
      ).toEqual([]);
    }
    expect(packagesReachedFrom("testing/index.ts")).toContain("fast-check");
  });
});
