import {
  type DeviceName,
  type EnsembleParams,
  type EnsembleSpec,
  InvalidArgumentError,
  identityStandardizer,
  UnsupportedError,
} from "@rpf/core";
import {
  allocateRawPrediction,
  type EnsembleHandle,
  paramCounts,
  type RawPrediction,
  type TrainingState,
  validateEnsembleParams,
} from "@rpf/core/backend";
import type * as OrtCommon from "onnxruntime-common";
import { exportOnnx } from "./export/export-onnx.js";
import type { GraphPrecision } from "./export/graph-builder.js";
import { TENSOR } from "./export/names.js";
import type { ProviderRoute } from "./runtime/execution-providers.js";
import { loadRuntime, type OrtRuntime } from "./runtime/ort-runtime.js";

/** The outputs every head's graph has, [M, rows, outputs] each; the Gaussian head adds "variance". */
const PARTS = ["members", "prior", "trainable"] as const;

/** Rows per session run: the fastest measured on a 2-core machine (see docs/benchmarks.md); it also bounds the [M, rows, width] intermediates. */
const PREDICT_CHUNK_ROWS = 16_384;

/** The graph's per-member outputs, [M, rows, outputs] each; `variance` for the Gaussian head only. */
type Parts = Record<"members" | "prior" | "trainable", Float32Array> & { variance?: Float32Array };

/** The outputs every head's graph has; the Gaussian head adds each member's variance. */
function partNames(spec: EnsembleSpec): readonly (keyof Parts)[] {
  return spec.head === "gaussian" ? [...PARTS, "variance"] : PARTS;
}

/** The ensemble as a graph of one precision, without standardisation: core hands backends standardised inputs. */
function ensembleGraph(spec: EnsembleSpec, params: EnsembleParams, precision: GraphPrecision): Uint8Array {
  return exportOnnx(
    { spec, params, standardizer: identityStandardizer(spec.inputSize, spec.outputSize), training: null },
    { summary: false, precision },
  );
}

/** Rows (within a run of `rows`) where any member's output in any part is not finite. */
function nonFiniteRows(parts: Parts, rows: number, outputSize: number): number[] {
  const bad = new Set<number>();
  for (const values of Object.values(parts)) {
    for (let i = 0; i < values.length; i++)
      if (!Number.isFinite(values[i]!)) bad.add(Math.floor(i / outputSize) % rows);
  }
  return [...bad].sort((a, b) => a - b);
}

/**
 * Inference on one ONNX session for the whole ensemble, created once and reused by every predict
 * call. The session computes in float32, fast; rows whose float32 outputs are not finite (inputs
 * near ±1e38, where an intermediate sum overflows) are run again on a float64 session, made on
 * first need, which gives backend-matrix's float64-computed outputs bit for bit (ELU, ReLU, tanh).
 */
export class OnnxEnsembleHandle implements EnsembleHandle {
  readonly backend = "onnx";
  private session: OrtCommon.InferenceSession | null;
  private wideSession: Promise<OrtCommon.InferenceSession> | null = null;
  /** One-member handles for predictMember, each a graph of that member alone, made at its first call. */
  private readonly memberHandles = new Map<number, Promise<OnnxEnsembleHandle>>();

  private constructor(
    private readonly spec: EnsembleSpec,
    private readonly parameters: EnsembleParams,
    readonly device: DeviceName,
    private readonly runtime: OrtRuntime,
    private readonly route: ProviderRoute,
    session: OrtCommon.InferenceSession,
  ) {
    this.session = session;
  }

  private static open(runtime: OrtRuntime, route: ProviderRoute, graph: Uint8Array) {
    return runtime.InferenceSession.create(graph, {
      executionProviders: [route.executionProvider],
      graphOptimizationLevel: "all",
    });
  }

  /**
   * Builds the ensemble's ONNX graph from the parameters (copied) and opens an onnxruntime session on `route`.
   * @throws {ShapeError} for parameters that do not fit the spec.
   * @throws {InvalidArgumentError} for a spec with invalid layer sizes (one not from resolveEnsembleSpec).
   */
  static async create(
    spec: EnsembleSpec,
    params: EnsembleParams,
    device: DeviceName,
    route: ProviderRoute,
  ): Promise<OnnxEnsembleHandle> {
    validateEnsembleParams(spec, params);
    const copy = { trainable: params.trainable.slice(), prior: params.prior.slice() };
    const runtime = await loadRuntime(route.runtime);
    const session = await OnnxEnsembleHandle.open(runtime, route, ensembleGraph(spec, copy, "float32"));
    return new OnnxEnsembleHandle(spec, copy, device, runtime, route, session);
  }

  /** Runs rows [rows, inputSize] of x on a session: each part as [members, rows, outputSize]. */
  private async run(session: OrtCommon.InferenceSession, x: Float32Array, rows: number): Promise<Parts> {
    const input = new this.runtime.Tensor("float32", x, [rows, this.spec.inputSize]);
    const results = await session.run({ [TENSOR.input]: input });
    const read = async (part: keyof Parts) => (await results[TENSOR[part]]!.getData(true)) as Float32Array;
    const parts: Parts = {
      members: await read("members"),
      prior: await read("prior"),
      trainable: await read("trainable"),
    };
    return this.spec.head === "gaussian" ? { ...parts, variance: await read("variance") } : parts;
  }

  /** Recomputes the given rows of a float32 run in float64, in place. */
  private async widen(parts: Parts, x: Float32Array, rows: number, bad: readonly number[]): Promise<void> {
    const { inputSize, outputSize, members } = this.spec;
    this.wideSession ??= OnnxEnsembleHandle.open(
      this.runtime,
      this.route,
      ensembleGraph(this.spec, this.parameters, "float64"),
    );
    const picked = new Float32Array(bad.length * inputSize);
    for (const [k, row] of bad.entries()) picked.set(x.subarray(row * inputSize, (row + 1) * inputSize), k * inputSize);
    const wide = await this.run(await this.wideSession, picked, bad.length);
    for (const part of partNames(this.spec)) {
      for (let m = 0; m < members; m++) {
        bad.forEach((row, k) => {
          const from = (m * bad.length + k) * outputSize;
          parts[part]!.set(wide[part]!.subarray(from, from + outputSize), (m * rows + row) * outputSize);
        });
      }
    }
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

  /**
   * @throws {UnsupportedError} on every call while the handle is open: onnx runs inference only.
   * @throws {InvalidArgumentError} once disposed.
   */
  async prepareTraining(): Promise<void> {
    this.inferenceOnly();
  }

  /**
   * @throws {UnsupportedError} on every call while the handle is open: onnx runs inference only.
   * @throws {InvalidArgumentError} once disposed.
   */
  async trainEpochs(): Promise<Float64Array> {
    return this.inferenceOnly();
  }

  /**
   * @throws {UnsupportedError} on every call while the handle is open: onnx runs inference only.
   * @throws {InvalidArgumentError} once disposed.
   */
  async finalLosses(): Promise<Float64Array> {
    return this.inferenceOnly();
  }

  /**
   * @throws {UnsupportedError} on every call while the handle is open: onnx runs inference only.
   * @throws {InvalidArgumentError} once disposed.
   */
  async trainingState(): Promise<TrainingState> {
    return this.inferenceOnly();
  }

  /** @throws {InvalidArgumentError} once disposed. */
  async predict(x: Float32Array): Promise<RawPrediction> {
    const session = this.live();
    const n = x.length / this.spec.inputSize;
    const { members, inputSize, outputSize } = this.spec;
    const perMember = n * outputSize;
    const out = allocateRawPrediction(this.spec, n);
    for (let start = 0; start < n; start += PREDICT_CHUNK_ROWS) {
      const rows = Math.min(PREDICT_CHUNK_ROWS, n - start);
      const chunk = x.subarray(start * inputSize, (start + rows) * inputSize);
      const parts = await this.run(session, chunk, rows);
      const bad = nonFiniteRows(parts, rows, outputSize);
      if (bad.length > 0) await this.widen(parts, chunk, rows, bad);
      for (const part of partNames(this.spec)) {
        const values = parts[part]!;
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

  /**
   * Member `member` alone, on its own one-member graph (built and opened at the first call for
   * that member, then reused), so a call runs one member's networks instead of the whole graph.
   * @throws {InvalidArgumentError} once disposed.
   */
  async predictMember(member: number, x: Float32Array): Promise<RawPrediction> {
    this.live();
    let handle = this.memberHandles.get(member);
    if (!handle) {
      const counts = paramCounts(this.spec);
      const { trainable, prior } = this.parameters;
      // cannot throw {ShapeError}: one member's block of parameters create validated
      handle = OnnxEnsembleHandle.create(
        { ...this.spec, members: 1 },
        {
          trainable: trainable.subarray(member * counts.trainable, (member + 1) * counts.trainable),
          prior: prior.subarray(member * counts.prior, (member + 1) * counts.prior),
        },
        this.device,
        this.route,
      );
      this.memberHandles.set(member, handle);
    }
    return (await handle).predict(x);
  }

  /** @throws {InvalidArgumentError} once disposed. */
  async params(): Promise<EnsembleParams> {
    this.live();
    return { trainable: this.parameters.trainable.slice(), prior: this.parameters.prior.slice() };
  }

  async dispose(): Promise<void> {
    const session = this.session;
    const wide = this.wideSession;
    this.session = null;
    this.wideSession = null;
    const members = [...this.memberHandles.values()];
    this.memberHandles.clear();
    await Promise.all(members.map(async (handle) => (await handle).dispose()));
    await session?.release();
    await (await wide)?.release();
  }
}
