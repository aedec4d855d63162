import type { Backend, EnsembleHandle, FitProgress } from "../backend/contract.js";
import type { DeviceName } from "../backend/devices.js";
import { resolveBackend } from "../backend/registry.js";
import { validatePredictInput } from "../backend/validate.js";
import { type Dataset, validateDataset } from "../data/dataset.js";
import {
  fitStandardizer,
  identityStandardizer,
  type Standardizer,
  scaleY,
  standardizeX,
  standardizeY,
  unstandardizeY,
} from "../data/standardizer.js";
import { ShapeError } from "../errors.js";
import type { ModelData, TrainingReport } from "../io/model-data.js";
import { type Prediction, summarizeMembers } from "../predict/summary.js";
import { bootstrapWeights } from "./bootstrap-weights.js";
import { type EnsembleParams, initEnsembleParams, validateEnsembleParams } from "./params.js";
import { type EnsembleSpec, type EnsembleSpecInput, resolveEnsembleSpec } from "./spec.js";

export interface EnsembleOptions {
  /** A backend name ("matrix", "tfjs:wasm", "auto") or a Backend object. Default "auto". */
  backend?: string | Backend;
  device?: DeviceName;
}

export interface FitOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FitProgress) => void;
  progressEvery?: number;
  /** Epochs for this call; default: the spec's epochs. */
  epochs?: number;
}

const MAX_LOSS_HISTORY_POINTS = 200;

async function openHandle(
  spec: EnsembleSpec,
  params: EnsembleParams,
  options: EnsembleOptions,
  need: "train" | "infer",
): Promise<{ handle: EnsembleHandle; passedOver: readonly string[] }> {
  const request = options.backend ?? "auto";
  if (typeof request === "string") {
    const resolved = await resolveBackend(
      options.device && !request.includes(":") ? `${request}:${options.device}` : request,
      need,
    );
    const handle = await resolved.backend.createEnsemble({ spec, params }, { device: resolved.device });
    return { handle, passedOver: resolved.skipped };
  }
  const handle = await request.createEnsemble({ spec, params }, options.device ? { device: options.device } : {});
  return { handle, passedOver: [] };
}

/**
 * A deep ensemble with randomized priors: members g = t + β·p, each trained on its own bootstrap.
 * Core draws every initial weight and bootstrap weight; the backend only computes.
 */
export class Ensemble {
  private standardizer: Standardizer | null;
  private report: TrainingReport | null;
  private columns: ModelData["columns"];

  private constructor(
    readonly spec: EnsembleSpec,
    private readonly handle: EnsembleHandle,
    /** Backends and devices that an "auto" request tried first, with why each was passed over. */
    readonly passedOver: readonly string[],
    model?: Pick<ModelData, "standardizer" | "training" | "columns">,
  ) {
    // An untrained model with standardisation on fits its standardizer on the first data it sees.
    this.standardizer = model && (model.training || spec.standardize === "none") ? model.standardizer : null;
    this.report = model?.training ?? null;
    this.columns = model?.columns;
  }

  /** A fresh ensemble with initial parameters drawn from the spec's seed. */
  static async create(input: EnsembleSpecInput | EnsembleSpec = {}, options: EnsembleOptions = {}): Promise<Ensemble> {
    const spec = resolveEnsembleSpec(input);
    const { handle, passedOver } = await openHandle(spec, initEnsembleParams(spec), options, "train");
    return new Ensemble(spec, handle, passedOver);
  }

  /** An ensemble from a decoded model file; `need` is "infer" unless it will be trained further. */
  static async fromModel(
    model: ModelData,
    options: EnsembleOptions & { need?: "train" | "infer" } = {},
  ): Promise<Ensemble> {
    validateEnsembleParams(model.spec, model.params);
    const { handle, passedOver } = await openHandle(model.spec, model.params, options, options.need ?? "infer");
    return new Ensemble(model.spec, handle, passedOver, model);
  }

  get backend(): string {
    return this.handle.backend;
  }

  get device(): DeviceName {
    return this.handle.device;
  }

  get training(): TrainingReport | null {
    return this.report;
  }

  setColumns(columns: ModelData["columns"]): void {
    this.columns = columns;
  }

  private checkData(data: Dataset): void {
    validateDataset(data);
    if (data.inputSize !== this.spec.inputSize || data.outputSize !== this.spec.outputSize) {
      throw new ShapeError(
        `data has ${data.inputSize} input and ${data.outputSize} output columns; the ensemble expects ${this.spec.inputSize} and ${this.spec.outputSize}`,
        { field: "data" },
      );
    }
  }

  /** Trains every member; a second call continues from where the first stopped. */
  async fit(data: Dataset, options: FitOptions = {}): Promise<TrainingReport> {
    this.checkData(data);
    this.standardizer ??= fitStandardizer(data, this.spec.standardize);
    const scaled: Dataset = {
      ...data,
      x: standardizeX(this.standardizer, data.x),
      y: standardizeY(this.standardizer, data.y),
    };
    const epochs = options.epochs ?? this.spec.epochs;
    const started = performance.now();
    const result = await this.handle.fit({
      data: scaled,
      exampleWeights: bootstrapWeights(this.spec, data.n),
      epochs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.progressEvery ? { progressEvery: options.progressEvery } : {}),
    });
    const trainSeconds = (performance.now() - started) / 1000;
    this.report = this.buildReport(
      result.lossHistory,
      result.finalLosses,
      result.epochsCompleted,
      data.n,
      trainSeconds,
    );
    return this.report;
  }

  private buildReport(
    history: Float32Array,
    finalLosses: Float64Array,
    epochs: number,
    examples: number,
    trainSeconds: number,
  ): TrainingReport {
    const members = this.spec.members;
    const steps = history.length / members;
    const every = Math.max(1, Math.ceil(steps / MAX_LOSS_HISTORY_POINTS));
    const meanLossHistory: number[] = [];
    for (let e = 0; e < steps; e += every) {
      let sum = 0;
      for (let m = 0; m < members; m++) sum += history[e * members + m]!;
      meanLossHistory.push(sum / members);
    }
    const previous = this.report;
    return {
      backend: this.handle.backend,
      device: this.handle.device,
      epochs: (previous?.epochs ?? 0) + epochs,
      examples,
      trainSeconds: (previous?.trainSeconds ?? 0) + trainSeconds,
      finalLosses: Array.from(finalLosses),
      lossEvery: every,
      meanLossHistory,
    };
  }

  /** Predictions in the data's units for x [n, inputSize]. */
  async predict(x: Float32Array | readonly number[]): Promise<Prediction> {
    const xs = x instanceof Float32Array ? x : Float32Array.from(x);
    validatePredictInput(this.spec, xs);
    const standardizer = this.standardizer ?? identityStandardizer(this.spec.inputSize, this.spec.outputSize);
    const raw = await this.handle.predict(standardizeX(standardizer, xs));
    return summarizeMembers(
      {
        members: unstandardizeY(standardizer, raw.members),
        prior: scaleY(standardizer, raw.prior),
        trainable: unstandardizeY(standardizer, raw.trainable),
      },
      this.spec.members,
      this.spec.outputSize,
    );
  }

  async params(): Promise<EnsembleParams> {
    return this.handle.params();
  }

  async toModel(): Promise<ModelData> {
    return {
      spec: this.spec,
      params: await this.handle.params(),
      standardizer: this.standardizer ?? identityStandardizer(this.spec.inputSize, this.spec.outputSize),
      training: this.report,
      ...(this.columns ? { columns: this.columns } : {}),
    };
  }

  async dispose(): Promise<void> {
    await this.handle.dispose();
  }
}
