import {
  allocateRawPrediction,
  type DeviceName,
  type EnsembleHandle,
  type EnsembleParams,
  type EnsembleSpec,
  InvalidArgumentError,
  identityStandardizer,
  type RawPrediction,
  type TrainingState,
  UnsupportedError,
  validateEnsembleParams,
} from "@rpf/core";
import type * as OrtCommon from "onnxruntime-common";
import { exportOnnx } from "./export/export-onnx.js";
import { TENSOR } from "./export/names.js";
import type { ProviderRoute } from "./runtime/execution-providers.js";
import { loadRuntime, type OrtRuntime } from "./runtime/ort-runtime.js";

/** The outputs every head's graph has, [M, rows, outputs] each; the Gaussian head adds "variance". */
const PARTS = ["members", "prior", "trainable"] as const;

/** Rows per session run: the fastest measured on a 2-core machine (see docs/benchmarks.md); it also bounds the [M, rows, width] intermediates. */
const PREDICT_CHUNK_ROWS = 16_384;

/**
 * Inference on one ONNX session for the whole ensemble. The graph is exported without
 * standardisation because core hands backends standardised inputs; the session is created once
 * and reused by every predict call.
 */
export class OnnxEnsembleHandle implements EnsembleHandle {
  readonly backend = "onnx";
  private session: OrtCommon.InferenceSession | null;

  private constructor(
    private readonly spec: EnsembleSpec,
    private readonly parameters: EnsembleParams,
    readonly device: DeviceName,
    private readonly runtime: OrtRuntime,
    session: OrtCommon.InferenceSession,
  ) {
    this.session = session;
  }

  static async create(
    spec: EnsembleSpec,
    params: EnsembleParams,
    device: DeviceName,
    route: ProviderRoute,
  ): Promise<OnnxEnsembleHandle> {
    validateEnsembleParams(spec, params);
    const copy = { trainable: params.trainable.slice(), prior: params.prior.slice() };
    const graph = exportOnnx(
      { spec, params: copy, standardizer: identityStandardizer(spec.inputSize, spec.outputSize), training: null },
      { summary: false },
    );
    const runtime = await loadRuntime(route.runtime);
    const session = await runtime.InferenceSession.create(graph, {
      executionProviders: [route.executionProvider],
      graphOptimizationLevel: "all",
    });
    return new OnnxEnsembleHandle(spec, copy, device, runtime, session);
  }

  private live(): OrtCommon.InferenceSession {
    if (!this.session)
      throw new InvalidArgumentError("this ensemble handle was disposed; create a new one", { field: "handle" });
    return this.session;
  }

  private inferenceOnly(): never {
    this.live();
    throw new UnsupportedError(
      "backend onnx runs inference only: train with matrix or tfjs, then predict or export with onnx",
      { field: "backend" },
    );
  }

  async prepareTraining(): Promise<void> {
    this.inferenceOnly();
  }

  async trainEpochs(): Promise<Float64Array> {
    return this.inferenceOnly();
  }

  async finalLosses(): Promise<Float64Array> {
    return this.inferenceOnly();
  }

  async trainingState(): Promise<TrainingState> {
    return this.inferenceOnly();
  }

  async predict(x: Float32Array): Promise<RawPrediction> {
    const session = this.live();
    const n = x.length / this.spec.inputSize;
    const { members, inputSize, outputSize } = this.spec;
    const perMember = n * outputSize;
    const out = allocateRawPrediction(this.spec, n);
    for (let start = 0; start < n; start += PREDICT_CHUNK_ROWS) {
      const rows = Math.min(PREDICT_CHUNK_ROWS, n - start);
      const input = new this.runtime.Tensor("float32", x.subarray(start * inputSize, (start + rows) * inputSize), [
        rows,
        inputSize,
      ]);
      const results = await session.run({ [TENSOR.input]: input });
      const parts = out.variance ? (["members", "prior", "trainable", "variance"] as const) : PARTS;
      for (const part of parts) {
        const values = (await results[TENSOR[part]]!.getData(true)) as Float32Array;
        const target = out[part]!;
        for (let m = 0; m < members; m++) {
          target.set(
            values.subarray(m * rows * outputSize, (m + 1) * rows * outputSize),
            m * perMember + start * outputSize,
          );
        }
      }
    }
    return out;
  }

  async params(): Promise<EnsembleParams> {
    this.live();
    return { trainable: this.parameters.trainable.slice(), prior: this.parameters.prior.slice() };
  }

  async dispose(): Promise<void> {
    const session = this.session;
    this.session = null;
    await session?.release();
  }
}
