import type { EnsembleSpec } from "@rpf/core";
import { allocateRawPrediction, headWidth, priorMlp, type RawPrediction, trainableMlp } from "@rpf/core/backend";
import { DenseNetwork } from "./dense-network.js";
import { varianceOfRaw } from "./gaussian-head.js";
import { allocate, type Precision } from "./precision.js";
import { type MemberWeights, WasmPredictor } from "./wasm/wasm-predictor.js";

const CHUNK_ROWS = 4096;

/**
 * Predictions of an ensemble from its members' weights: on the wasm kernel where the members
 * train on it and both networks' activations have a kernel there, else with the TypeScript
 * forward pass (the reference, float32 storage, GELU). The two give the same bits wherever the
 * trainers do.
 */
export class MemberPredictor {
  private readonly wasm: WasmPredictor | null;

  constructor(
    private readonly spec: EnsembleSpec,
    private readonly precision: Precision,
    kernel: "wasm" | "typescript",
  ) {
    this.wasm = kernel === "wasm" && WasmPredictor.unsupportedReason(spec) === null ? new WasmPredictor(spec) : null;
  }

  /** Frees what the predictor holds (a wasm kernel instance goes back to the pool). */
  dispose(): void {
    this.wasm?.dispose();
  }

  /** t, β·p and t + β·p of every member on x [n, inputSize], as allocateRawPrediction lays them out. */
  predict(x: Float32Array, n: number, members: readonly MemberWeights[]): RawPrediction {
    const out = allocateRawPrediction(this.spec, n);
    if (this.wasm) this.wasm.predict(x, n, members, out);
    else this.predictOnTypescript(x, n, members, out);
    return out;
  }

  private predictOnTypescript(x: Float32Array, n: number, members: readonly MemberWeights[], out: RawPrediction) {
    const { inputSize, outputSize, priorScale, varianceFloor } = this.spec;
    const width = headWidth(this.spec);
    const head = { variance: 0, slope: 0 };
    const perMember = n * outputSize;
    const rows = Math.min(n, CHUNK_ROWS);
    const trainableNet = new DenseNetwork(trainableMlp(this.spec), rows, this.precision);
    const priorNet = new DenseNetwork(priorMlp(this.spec), rows, this.precision);
    const xs = allocate(this.precision, rows * inputSize);
    for (let start = 0; start < n; start += rows) {
      const count = Math.min(rows, n - start);
      for (let i = 0; i < count * inputSize; i++) xs[i] = x[start * inputSize + i]!;
      members.forEach((member, m) => {
        const t = trainableNet.forward(member.params, xs, count);
        const p = priorNet.forward(member.prior, xs, count);
        const base = m * perMember + start * outputSize;
        if (out.variance) {
          // Gaussian rows are [means, raw variances]; the prior adds to the means only.
          for (let i = 0; i < count; i++) {
            for (let o = 0; o < outputSize; o++) {
              const at = base + i * outputSize + o;
              const prior = priorScale * p[i * width + o]!;
              out.trainable[at] = t[i * width + o]!;
              out.prior[at] = prior;
              out.members[at] = t[i * width + o]! + prior;
              out.variance[at] = varianceOfRaw(t[i * width + outputSize + o]!, varianceFloor, head).variance;
            }
          }
          return;
        }
        for (let i = 0; i < count * outputSize; i++) {
          const prior = priorScale * p[i]!;
          out.trainable[base + i] = t[i]!;
          out.prior[base + i] = prior;
          out.members[base + i] = t[i]! + prior;
        }
      });
    }
  }
}
