import type { Backend, EnsembleHandle, FitProgress } from "../backend/contract.js";
import type { DeviceName } from "../backend/devices.js";
import { resolveBackend, unsupportedHeadReason } from "../backend/registry.js";
import type { TrainingState } from "../backend/training-state.js";
import { validatePredictInput } from "../backend/validate.js";
import { type Dataset, validateDataset } from "../data/dataset.js";
import {
  fitStandardizer,
  identityStandardizer,
  type Standardizer,
  scaleVarianceY,
  scaleY,
  standardizeX,
  standardizeY,
  unstandardizeY,
} from "../data/standardizer.js";
import { InvalidArgumentError, ShapeError, UnsupportedError } from "../errors.js";
import type { ModelData, TrainingReport } from "../io/model-data.js";
import { type Prediction, summarizeMembers } from "../predict/summary.js";
import { concatenate } from "../typed-arrays.js";
import { bootstrapWeights } from "./bootstrap-weights.js";
import { assertSameData, type DataFingerprint, fingerprintData, type TrainingCheckpoint } from "./checkpoint.js";
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
  /** Epochs for this call; default: the spec's epochs, or the rest of a resumed run. */
  epochs?: number;
  checkpoint?: CheckpointOptions;
}

export interface CheckpointOptions {
  /** Epochs between checkpoints. */
  readonly every: number;
  /** Receives each checkpoint; training waits for it, so write it atomically here. */
  readonly save: (checkpoint: TrainingCheckpoint) => Promise<void> | void;
  /** Stored with each checkpoint for the application (the CLI keeps its data options here). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

const MAX_LOSS_HISTORY_POINTS = 200;

async function openHandle(
  spec: EnsembleSpec,
  params: EnsembleParams,
  options: EnsembleOptions,
  need: "train" | "infer",
  state?: TrainingState,
): Promise<{ handle: EnsembleHandle; passedOver: readonly string[] }> {
  const request = options.backend ?? "auto";
  const init = state ? { spec, params, state } : { spec, params };
  if (typeof request === "string") {
    const resolved = await resolveBackend(
      options.device && !request.includes(":") ? `${request}:${options.device}` : request,
      need,
      spec.head,
    );
    const handle = await resolved.backend.createEnsemble(init, { device: resolved.device });
    return { handle, passedOver: resolved.skipped };
  }
  const headProblem = unsupportedHeadReason(request, spec.head);
  if (headProblem)
    throw new UnsupportedError(headProblem, { field: "head", accepted: request.capabilities.heads.join(", ") });
  const handle = await request.createEnsemble(init, options.device ? { device: options.device } : {});
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
  /** Training recorded before this object's loss history begins (a loaded model's earlier runs). */
  private readonly trainedBefore: { readonly epochs: number; readonly seconds: number };
  /** [epochs, members]: every member's loss at each epoch this object has trained (or resumed). */
  private lossHistory: Float32Array = new Float32Array(0);
  private trainSeconds = 0;
  /** Set by fromCheckpoint until the resumed run has been fitted. */
  private resumed: { readonly targetEpochs: number; readonly data: DataFingerprint } | null = null;

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
    this.trainedBefore = { epochs: this.report?.epochs ?? 0, seconds: this.report?.trainSeconds ?? 0 };
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

  /**
   * An ensemble that finishes the run a checkpoint interrupted: `fit` on the same data then trains
   * the remaining epochs and ends bit-identical to a run that never stopped.
   */
  static async fromCheckpoint(checkpoint: TrainingCheckpoint, options: EnsembleOptions = {}): Promise<Ensemble> {
    const { spec, state } = checkpoint;
    if (checkpoint.lossHistory.length !== state.epoch * spec.members || checkpoint.targetEpochs < state.epoch) {
      throw new ShapeError(
        `the checkpoint is inconsistent: ${checkpoint.lossHistory.length} loss values for ${state.epoch} epochs × ${spec.members} members, target ${checkpoint.targetEpochs} epochs`,
        { field: "checkpoint" },
      );
    }
    const params = { trainable: Float32Array.from(state.trainable), prior: checkpoint.prior };
    validateEnsembleParams(spec, params);
    const { handle, passedOver } = await openHandle(spec, params, options, "train", state);
    const ensemble = new Ensemble(spec, handle, passedOver, {
      standardizer: checkpoint.standardizer,
      training: null,
      ...(checkpoint.columns ? { columns: checkpoint.columns } : {}),
    });
    ensemble.standardizer = checkpoint.standardizer;
    ensemble.lossHistory = checkpoint.lossHistory.slice();
    ensemble.trainSeconds = checkpoint.trainSeconds;
    ensemble.resumed = { targetEpochs: checkpoint.targetEpochs, data: checkpoint.data };
    return ensemble;
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

  /**
   * Trains every member; a second call continues from where the first stopped. With
   * `checkpoint`, training pauses every `every` epochs to hand over a checkpoint; the pauses
   * change no result, since training in several calls equals training in one.
   */
  async fit(data: Dataset, options: FitOptions = {}): Promise<TrainingReport> {
    this.checkData(data);
    if (this.resumed) assertSameData(this.resumed.data, data);
    const checkpoint = options.checkpoint;
    if (checkpoint && !(Number.isSafeInteger(checkpoint.every) && checkpoint.every >= 1)) {
      throw new InvalidArgumentError(`checkpoint.every must be a whole number >= 1, got ${checkpoint.every}`, {
        field: "checkpoint.every",
      });
    }
    this.standardizer ??= fitStandardizer(data, this.spec.standardize);
    const scaled: Dataset = {
      ...data,
      x: standardizeX(this.standardizer, data.x),
      y: standardizeY(this.standardizer, data.y),
    };
    const members = this.spec.members;
    const epochsBefore = this.lossHistory.length / members;
    const epochs = options.epochs ?? (this.resumed ? this.resumed.targetEpochs - epochsBefore : this.spec.epochs);
    const targetEpoch = epochsBefore + epochs;
    const exampleWeights = bootstrapWeights(this.spec, data.n);
    const progressEvery = options.progressEvery ?? Math.max(1, Math.ceil(epochs / 100));
    const { onProgress } = options;
    // Chunks are joined only when a checkpoint or the report needs the whole history.
    const historyParts: Float32Array[] = [this.lossHistory];
    const joinHistory = () => {
      this.lossHistory = concatenate(historyParts.splice(0));
      historyParts.push(this.lossHistory);
    };
    let done = 0;
    let finalLosses: Float64Array;
    let fingerprint: DataFingerprint | undefined;
    let started = performance.now();
    do {
      const result = await this.handle.fit({
        data: scaled,
        exampleWeights,
        epochs: Math.min(checkpoint?.every ?? epochs, epochs - done),
        progressEvery,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(onProgress ? { onProgress: (progress: FitProgress) => onProgress({ ...progress, targetEpoch }) } : {}),
      });
      historyParts.push(result.lossHistory);
      finalLosses = result.finalLosses;
      done += result.epochsCompleted;
      this.trainSeconds += (performance.now() - started) / 1000;
      if (checkpoint && done < epochs) {
        joinHistory();
        // Hashed once per fit, at the first checkpoint: the data does not change within a fit.
        fingerprint ??= this.resumed?.data ?? fingerprintData(data);
        await checkpoint.save(await this.checkpoint(targetEpoch, fingerprint, checkpoint.meta));
        started = performance.now();
      }
    } while (done < epochs);
    joinHistory();
    this.resumed = null;
    this.report = this.buildReport(finalLosses, data.n);
    return this.report;
  }

  private async checkpoint(
    targetEpochs: number,
    data: DataFingerprint,
    meta: CheckpointOptions["meta"],
  ): Promise<TrainingCheckpoint> {
    return {
      spec: this.spec,
      prior: (await this.handle.params()).prior,
      state: await this.handle.trainingState(),
      standardizer: this.standardizer!,
      targetEpochs,
      lossHistory: this.lossHistory,
      trainSeconds: this.trainSeconds,
      data,
      ...(this.columns ? { columns: this.columns } : {}),
      ...(meta ? { meta } : {}),
    };
  }

  private buildReport(finalLosses: Float64Array, examples: number): TrainingReport {
    const members = this.spec.members;
    const history = this.lossHistory;
    const steps = history.length / members;
    const every = Math.max(1, Math.ceil(steps / MAX_LOSS_HISTORY_POINTS));
    const meanLossHistory: number[] = [];
    for (let e = 0; e < steps; e += every) {
      let sum = 0;
      for (let m = 0; m < members; m++) sum += history[e * members + m]!;
      meanLossHistory.push(sum / members);
    }
    return {
      backend: this.handle.backend,
      device: this.handle.device,
      epochs: this.trainedBefore.epochs + steps,
      examples,
      trainSeconds: this.trainedBefore.seconds + this.trainSeconds,
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
        ...(raw.variance ? { variance: scaleVarianceY(standardizer, raw.variance) } : {}),
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
