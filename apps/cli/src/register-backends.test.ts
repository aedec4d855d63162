import { registerMatrixBackend } from "@rpf/backend-matrix";
import { registerParallelMatrixBackend } from "@rpf/backend-matrix/node";
import { registerOnnxBackend } from "@rpf/backend-onnx";
import { registerTfjsBackend } from "@rpf/backend-tfjs";
import { type Backend, registeredBackends } from "@rpf/core";
import { BACKEND_CONTRACT_VERSION, type RegisterOptions, registerBackend, unregisterBackend } from "@rpf/core/backend";
import { afterEach, describe, expect, it } from "vitest";

/**
 * Every backend package registers through one function taking one options object of core's
 * RegisterOptions shape, with the package's own default priorities. Ranks are read from the
 * registry's order around marker backends at known priorities.
 */

/** A backend that only marks a priority in the registry's order. */
function marker(priority: number): Backend {
  return {
    contractVersion: BACKEND_CONTRACT_VERSION,
    name: `p${priority}`,
    capabilities: { train: true, infer: true, heads: ["mse"] },
    listDevices: async () => [],
    createEnsemble: async () => {
      throw new Error("a marker only ranks");
    },
  };
}

const MARKERS = [0.5, 2, 4, 6, 9, 11].map(marker);

/** Names in rank order for `job`, markers included, the float32 twin left out. */
function ranked(job?: "train" | "infer"): string[] {
  for (const m of MARKERS) registerBackend(m, { priority: Number(m.name.slice(1)) });
  return registeredBackends(job)
    .map((b) => b.name)
    .filter((name) => name !== "matrix-f32");
}

/** Rank order with the backend at priority 10 (matrix), 5 (tfjs) or 1 and 8 for inference (onnx). */
const MATRIX_RANKS = ["p11", "matrix", "p9", "p6", "p4", "p2", "p0.5"];
const TFJS_RANKS = ["p11", "p9", "p6", "tfjs", "p4", "p2", "p0.5"];

const PACKAGES: readonly {
  readonly register: (options?: RegisterOptions) => void;
  readonly name: string;
  /** Ranks with no options, for training and for inference. */
  readonly train: readonly string[];
  readonly infer: readonly string[];
}[] = [
  { register: registerMatrixBackend, name: "matrix", train: MATRIX_RANKS, infer: MATRIX_RANKS },
  { register: registerParallelMatrixBackend, name: "matrix", train: MATRIX_RANKS, infer: MATRIX_RANKS },
  { register: registerTfjsBackend, name: "tfjs", train: TFJS_RANKS, infer: TFJS_RANKS },
  {
    register: registerOnnxBackend,
    name: "onnx",
    train: ["p11", "p9", "p6", "p4", "p2", "onnx", "p0.5"],
    infer: ["p11", "p9", "onnx", "p6", "p4", "p2", "p0.5"],
  },
];

describe("registerXBackend: one options object, the same shape for every backend", () => {
  afterEach(() => {
    for (const name of ["matrix", "matrix-f32", "tfjs", "onnx", ...MARKERS.map((m) => m.name)]) unregisterBackend(name);
  });

  for (const pkg of PACKAGES) {
    describe(`${pkg.register.name}`, () => {
      it("ranks at the package's default priorities with no options", () => {
        pkg.register();
        expect(ranked("train")).toEqual(pkg.train);
        expect(ranked("infer")).toEqual(pkg.infer);
      });

      it("takes `priority` from the options object", () => {
        pkg.register({ priority: 3 });
        expect(ranked("train")).toEqual(["p11", "p9", "p6", "p4", pkg.name, "p2", "p0.5"]);
      });

      it("takes `priorityFor` from the same object, per job", () => {
        pkg.register({ priority: 3, priorityFor: { infer: 12 } });
        expect(ranked("train")).toEqual(["p11", "p9", "p6", "p4", pkg.name, "p2", "p0.5"]);
        expect(ranked("infer")).toEqual([pkg.name, "p11", "p9", "p6", "p4", "p2", "p0.5"]);
      });
    });
  }

  it("registers matrix's float32 twin below every backend auto should pick", () => {
    registerMatrixBackend({ priority: 3 });
    ranked();
    expect(registeredBackends().map((b) => b.name)).toEqual([
      "p11",
      "p9",
      "p6",
      "p4",
      "matrix",
      "p2",
      "p0.5",
      "matrix-f32",
    ]);
  });

  it("keeps onnx's inference priority when only training's is given", () => {
    registerOnnxBackend({ priorityFor: { train: 12 } });
    expect(ranked("train")[0]).toBe("onnx");
    expect(ranked("infer")).toEqual(["p11", "p9", "onnx", "p6", "p4", "p2", "p0.5"]);
  });
});
