import type { RawPrediction } from "../backend/contract.js";
import type { DeviceName } from "../backend/devices.js";
import type { FitProgress, FitRequest } from "../backend/fit-request.js";
import { HandleSession } from "../backend/handle-session.js";
import { type EnsembleOptions, type OpenedOn, openSession } from "../backend/open-session.js";
import { validatePredictInput } from "../backend/validate.js";
import type { Calibration } from "../calibration/calibration.js";
import { fitCalibration } from "../calibration/interval.js";
import { applyStdScaling } from "../calibration/std-scaling.js";
import { type Dataset, validateDataset } from "../data/dataset.js";
import { assertOneHot } from "../data/one-hot.js";
import type { RowSource } from "../data/row-source.js";
import {
  fitStandardizer,
  identityStandardizer,
  type Standardizer,
  scaleVarianceY,
  scaleY,
  standardizeDataset,
  standardizeX,
  unstandardizeY,
} from "../data/standardizer.js";
import { streamChunks } from "../data/stream-chunks.js";
import { fitStreamStandardizer } from "../data/stream-standardizer.js";
import { describeValue } from "../describe-value.js";
import { AbortedError, InvalidArgumentError, ShapeError, throwIfAborted, UnsupportedError } from "../errors.js";
import { GrowingArray } from "../growing-array.js";
import { assertSameData, type DataFingerprint, fingerprintData, type TrainingCheckpoint } from "../io/checkpoint.js";
import type { ModelData, TrainingReport } from "../io/model-data.js";
import type { GridSearchReport } from "../io/validation-report.js";
import type { JobRunner } from "../jobs/job-runner.js";
import { trainByJobs } from "../jobs/train-by-jobs.js";
import { bootstrapWeights, onlineBootstrapWeights } from "../members/bootstrap-weights.js";
import { type EnsembleParams, initEnsembleParams, validateEnsembleParams } from "../members/params.js";
import { type ClassPrediction, summarizeClasses } from "../predict/classes.js";
import { assertFiniteClassPrediction, assertFinitePrediction } from "../predict/finite.js";
import { type Prediction, summarizeMembers } from "../predict/summary.js";
import { randomIntegers } from "../random/distributions.js";
import { isRandomKey, type RandomKey } from "../random/key.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleSpec, EnsembleSpecInput } from "../spec/types.js";
import { type HeldOutRun, holdOut, type ValidationOptions } from "../validation/held-out-run.js";
import { HeldRows } from "./append-rows.js";
import { checkStreamFit, type StreamFitOptions } from "./stream-options.js";
import { scaledStreamPass } from "./stream-pass.js";

export type { EnsembleOptions } from "../backend/open-session.js";

/** Options of one Ensemble.fit call. */
export interface FitOptions {
  /** Aborting it stops training between time slices with AbortedError; the epochs before it stay trained and recorded. */
  signal?: AbortSignal;
  /** Called at the progress cadence; training waits for a returned promise. */
  onProgress?: (progress: FitProgress) => unknown;
  /** Epochs between progress reports (default: about 100 reports per fit). */
  progressEvery?: number;
  /** Also report at the end of a time slice once this many milliseconds have passed since the last report. */
  progressMs?: number;
  /** Epochs for this call; default: the spec's epochs, or the rest of a resumed run. */
  epochs?: number;
  checkpoint?: CheckpointOptions;
  /**
   * Hold out a fraction of the rows (never trained on) to score the model, stop early and
   * calibrate; see ValidationOptions. Not combined with checkpoints or a resumed run.
   */
  validation?: ValidationOptions;
  /**
   * Train through jobs (docs/jobs.md): the members are split into groups of `membersPerJob`, each
   * group a job the runner runs wherever it likes (localJobRunner here, @rpf/queue's BullMQ runner
   * on other machines), and the results are assembled into this ensemble: the same model, bit for
   * bit, as a fit without a queue. Only for a new ensemble's first fit; `validation` without
   * `patience` (scored once, at the end) but not early stopping, and not `checkpoint` (jobs keep
   * their own), a resumed run or per-member targets (yByMember). An abort or a failed job leaves
   * the ensemble untrained.
   * `onProgress` then hears the jobs combined: `epoch` is the mean epoch the members have reached
   * (member-epochs done ÷ members, rounded down), `memberLosses` the latest loss of each member
   * whose job has reported (all of them once every job has begun), `recentLosses` empty;
   * `progressEvery` and `progressMs` are the runner's business and are not used.
   */
  queue?: JobRunner;
  /** Members per job with `queue`, a whole number >= 1 (default 1); the result does not depend on it. */
  membersPerJob?: number;
}

/** Periodic checkpoints during Ensemble.fit, from which Ensemble.fromCheckpoint resumes bit for bit. */
export interface CheckpointOptions {
  /** Epochs between checkpoints. */
  readonly every: number;
  /** Receives each checkpoint; training waits for it, so write it atomically here. */
  readonly save: (checkpoint: TrainingCheckpoint) => Promise<void> | void;
  /** Stored with each checkpoint for the application (the CLI keeps its data options here). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * What one Ensemble.fit call trained, as tfjs' History describes one model.fit. The whole run's
 * record stays on the ensemble: `lossHistory` and `training`.
 */
export interface FitHistory {
  /** Epochs the ensemble had completed before this call. */
  readonly startEpoch: number;
  /** Epochs this call trained. */
  readonly epochs: number;
  /**
   * [epochs, members]: each member's loss in each epoch of this call, in standardised units, float32
   * as the record keeps it. An epoch's loss is the example-weighted mean of its minibatch losses
   * (EnsembleHandle), so it measures what the full-batch loss does.
   */
  readonly loss: Float32Array;
  /** Each member's loss with its final parameters on the whole training set, [members]. */
  readonly finalLosses: Float64Array;
  /** Seconds of training in this call; checkpoint writing and progress callbacks excluded. */
  readonly seconds: number;
}

/** One member's prediction (Ensemble.predictMember): a Prediction of a one-member ensemble, and which member. */
export type MemberPrediction = Prediction & { readonly member: number };

const MAX_LOSS_HISTORY_POINTS = 200;

/** Whether two arrays hold the same bits. */
function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/** The training set an ensemble holds, so that update can append to it. */
interface HeldData {
  /** Standardised, with the weights; `rows.data` is the very object the session prepared, so an update can append to it. */
  readonly rows: HeldRows;
  /** Leading rows with a fit's batch bootstrap ("resample" counts); the rest have online weights. */
  readonly batchRows: number;
}

/** How Ensemble.update trains: epochs (default 1), and FitOptions' signal and progress reporting. */
export type UpdateOptions = Pick<FitOptions, "epochs" | "signal" | "onProgress" | "progressEvery" | "progressMs">;

/**
 * A deep ensemble with randomized priors: members g = t + β·p, each trained on its own bootstrap.
 * Core draws every initial weight and bootstrap weight; the backend only computes.
 *
 * Source: Osband, Aslanides & Cassirer (2018), "Randomized Prior Functions for Deep Reinforcement
 * Learning" (a trainable network t plus a fixed random prior p scaled by β); the Gaussian head and
 * the mixture of members follow Lakshminarayanan, Pritzel & Blundell (2017), "Simple and Scalable
 * Predictive Uncertainty Estimation using Deep Ensembles".
 */
export class Ensemble {
  private standardizer: Standardizer | null;
  private report: TrainingReport | null;
  private columns: ModelData["columns"];
  /** Training recorded before this object's loss history begins (a loaded model's earlier runs). */
  private readonly trainedBefore: { readonly epochs: number; readonly seconds: number };
  /** [epochs, members]: every member's loss at each epoch this object has trained (or resumed). */
  private losses = new GrowingArray((length) => new Float32Array(length));
  private trainSeconds = 0;
  /** Set by fromCheckpoint until the resumed run has been fitted. */
  private resumed: {
    readonly targetEpochs: number;
    readonly data: DataFingerprint;
    /** The checkpoint's bootstrapRows, or all its rows. */
    readonly bootstrapRows: number;
  } | null = null;
  /** The training set the backend was last given; null before the first fit or update. */
  private held: HeldData | null = null;
  private calibrationFit: Calibration | null;

  private constructor(
    readonly spec: EnsembleSpec,
    private session: HandleSession,
    private readonly opened: OpenedOn,
    /** Backends and devices that an "auto" request tried first, with why each was passed over. */
    readonly passedOver: readonly string[],
    model?: Pick<ModelData, "standardizer" | "training" | "columns" | "calibration">,
  ) {
    this.calibrationFit = model?.calibration ?? null;
    // An untrained model with standardisation on fits its standardizer on the first data it sees.
    this.standardizer = model && (model.training || spec.standardize === "none") ? model.standardizer : null;
    this.report = model?.training ?? null;
    this.columns = model?.columns;
    this.trainedBefore = { epochs: this.report?.epochs ?? 0, seconds: this.report?.trainSeconds ?? 0 };
  }

  /**
   * A fresh ensemble with initial parameters drawn from the spec's seed.
   * @throws {InvalidArgumentError} for a spec field outside what is accepted, or an unknown backend name.
   * @throws {UnsupportedError} when the chosen backend cannot train or compute the spec's head.
   * @throws {BackendUnavailableError} when no backend or device can run it.
   * @throws {ShapeError} when the backend refuses the initial parameters (a backend fault).
   */
  static async create(input: EnsembleSpecInput | EnsembleSpec = {}, options: EnsembleOptions = {}): Promise<Ensemble> {
    const spec = resolveEnsembleSpec(input);
    const { session, passedOver, opened } = await openSession(
      { spec, params: initEnsembleParams(spec) },
      options,
      "train",
    );
    return new Ensemble(spec, session, opened, passedOver);
  }

  /**
   * An ensemble from a decoded model file; `need` is "infer" unless it will be trained further.
   * @throws {ShapeError} when the parameters do not have the lengths the spec implies, or hold non-finite values.
   * @throws {InvalidArgumentError} for an unknown backend name or invalid layer sizes in the spec.
   * @throws {UnsupportedError} when the chosen backend cannot do `need` or compute the spec's head.
   * @throws {BackendUnavailableError} when no backend or device can run it.
   */
  static async fromModel(
    model: ModelData,
    options: EnsembleOptions & { need?: "train" | "infer" } = {},
  ): Promise<Ensemble> {
    validateEnsembleParams(model.spec, model.params);
    const { session, passedOver, opened } = await openSession(
      { spec: model.spec, params: model.params },
      options,
      options.need ?? "infer",
    );
    return new Ensemble(model.spec, session, opened, passedOver, model);
  }

  /**
   * An ensemble that finishes the run a checkpoint interrupted: `fit` on the same data then trains
   * the remaining epochs and ends bit-identical to a run that never stopped.
   * @throws {ShapeError} for a checkpoint whose loss history, target, parameters or training state do not fit its spec.
   * @throws {InvalidArgumentError} for an unknown backend name or invalid layer sizes in the spec.
   * @throws {UnsupportedError} when the chosen backend cannot train or compute the spec's head.
   * @throws {BackendUnavailableError} when no backend or device can run it.
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
    const { session, passedOver, opened } = await openSession({ spec, params, state }, options, "train");
    const ensemble = new Ensemble(spec, session, opened, passedOver, {
      standardizer: checkpoint.standardizer,
      training: null,
      ...(checkpoint.columns ? { columns: checkpoint.columns } : {}),
    });
    ensemble.standardizer = checkpoint.standardizer;
    ensemble.losses.append(checkpoint.lossHistory);
    ensemble.trainSeconds = checkpoint.trainSeconds;
    ensemble.resumed = {
      targetEpochs: checkpoint.targetEpochs,
      data: checkpoint.data,
      bootstrapRows: checkpoint.bootstrapRows ?? checkpoint.data.n,
    };
    return ensemble;
  }

  /** The name of the backend the ensemble runs on. */
  get backend(): string {
    return this.session.backend;
  }

  /** The device the ensemble runs on ("cpu", "wasm", …). */
  get device(): DeviceName {
    return this.session.device;
  }

  /** The record of all training so far (epochs, seconds, final losses), or null before the first fit. */
  get training(): TrainingReport | null {
    return this.report;
  }

  /** The calibration fitted on the validation rows (FitOptions.validation.calibrate), or null. */
  get calibration(): Calibration | null {
    return this.calibrationFit;
  }

  /**
   * [epochs, members]: every member's loss in every epoch this object has trained (a resumed run
   * includes its checkpoint's), float32; a copy.
   */
  get lossHistory(): Float32Array {
    return this.losses.values.slice();
  }

  /** Records the data's column names, written with the model so prediction can match a CSV by name. */
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
    const perMember = data.yByMember?.length;
    if (perMember !== undefined && perMember !== this.spec.members * data.n * data.outputSize) {
      throw new ShapeError(
        `yByMember has ${perMember} values; the ensemble's ${this.spec.members} members × ${data.n} rows × ${data.outputSize} outputs need ${this.spec.members * data.n * data.outputSize}`,
        { field: "yByMember" },
      );
    }
    if (this.spec.head === "categorical") {
      assertOneHot(data.y, this.spec.outputSize);
      if (data.yByMember) assertOneHot(data.yByMember, this.spec.outputSize);
    }
  }

  /** The backend's outputs for x in the model's units, after the checks both prediction methods share. */
  private async rawPrediction(x: Float32Array | readonly number[], classes: boolean) {
    this.checkPredictionKind(classes);
    const xs = x instanceof Float32Array ? x : Float32Array.from(x);
    validatePredictInput(this.spec, xs);
    const standardizer = this.standardizer ?? identityStandardizer(this.spec.inputSize, this.spec.outputSize);
    return { xs, standardizer, raw: await this.session.predict(standardizeX(standardizer, xs)) };
  }

  /** Refuses a prediction method that does not fit the head: classes need "categorical", values any other. */
  private checkPredictionKind(classes: boolean): void {
    if (classes === (this.spec.head === "categorical")) return;
    throw new InvalidArgumentError(
      classes
        ? `predictClasses needs head "categorical"; this ensemble's head is "${this.spec.head}": use predict`
        : `predict gives values, and this ensemble's head is "categorical": use predictClasses for class probabilities`,
      { field: "head", accepted: classes ? "categorical" : "mse, gaussian" },
    );
  }

  /**
   * Trains every member with core's fit loop (HandleSession.fit); a second call continues from
   * where the first stopped. With `checkpoint`, training pauses every `every` epochs to hand over
   * a checkpoint; the pauses change no result, since training in several calls equals training
   * in one. The run's record (`lossHistory`, `training`) is updated as epochs complete, so after
   * an abort it says exactly what the model holds.
   * @returns this call's history.
   * @throws {ShapeError | DataError} for data that does not fit the spec.
   * @throws {InvalidArgumentError} for bad options.
   * @throws {AbortedError} when `signal` fires.
   * @throws {DivergenceError} at the first non-finite loss.
   * @throws {UnsupportedError} when the ensemble was opened for inference on an inference-only backend.
   * @throws {NonFiniteOutputError} when a loss exceeds float32's range (targets far too large unscaled).
   * @throws {BackendUnavailableError} when early stopping reopens the best epoch's weights and the
   *   backend can no longer open a handle.
   * @throws {JobFailedError} with `queue`, naming the job that failed for good (or returned a malformed result).
   */
  async fit(data: Dataset, options: FitOptions = {}): Promise<FitHistory> {
    this.checkData(data);
    if (options.queue || options.membersPerJob !== undefined) return this.fitByJobs(data, options);
    return this.fitWith(data, options, null);
  }

  /**
   * Trains every member on rows read from `source` a chunk at a time (docs/streaming.md), for data
   * larger than memory: memory holds one chunk of options.chunkRows rows, never the whole set. An
   * untrained ensemble first reads one pass for its standardizer (fitStreamStandardizer: Welford's
   * float64 moments); then every epoch reads the rows again, in order. Row i of member m has its
   * online bootstrap weight (onlineBootstrapWeights, keyed by (seed, m, i); "resample" draws
   * Poisson(1) there, the limit of its multinomial counts); chunk c of epoch e is visited in the
   * order streamChunkOrder(seed, m, e, c). The same seed, source and chunkRows give the same bytes.
   * With one chunk, a full batch and standardize "none", it trains bit for bit as fit on the same
   * rows with a non-"resample" bootstrap (the full-batch step ignores the order). Progress is
   * reported after every epoch; an abort stops between chunks, the epochs before it recorded.
   * @returns this call's history; finalLosses take one more pass (no training).
   * @throws {ShapeError} for a source whose widths are not the spec's, or a batch that is not whole rows.
   * @throws {DataError} for a non-finite value (naming its row), no rows, or a pass that yields a
   *   different row count.
   * @throws {InvalidArgumentError} for bad epochs or chunkRows, a validation split, checkpoints, an input transform, a
   *   resumed run, (head "categorical") a target that is not one-hot, or once disposed.
   * @throws {UnsupportedError} on a backend whose handle cannot train chunks (tfjs, onnx).
   * @throws {AbortedError | DivergenceError | NonFiniteOutputError} as fit; and whatever the
   *   source's reader throws.
   */
  async fitStream(source: RowSource, options: StreamFitOptions = {}): Promise<FitHistory> {
    this.session.assertOpen();
    const { epochs, chunkRows } = checkStreamFit(this.spec, source, options, this.resumed !== null);
    throwIfAborted(options.signal);
    const pass = () => streamChunks(source, chunkRows);
    this.standardizer ??= await fitStreamStandardizer(
      pass(),
      this.spec.standardize,
      source.inputSize,
      source.outputSize,
    );
    this.calibrationFit = null;
    // The handle's prepared data is a chunk from here on: an update starts a training set of its own.
    this.held = null;
    const members = this.spec.members;
    const startEpoch = this.losses.length / members;
    const secondsBefore = this.trainSeconds;
    const started = performance.now();
    let excludedMs = 0;
    const seconds = () => (performance.now() - started - excludedMs) / 1000;
    const { onProgress } = options;
    const finish = (finalLosses: Float64Array) => {
      this.trainSeconds = secondsBefore + seconds();
      this.report = this.buildReport(finalLosses, source.rows);
    };
    try {
      const result = await this.session.fitStream({
        pass: () => scaledStreamPass(pass(), this.standardizer!, this.spec.head),
        rows: source.rows,
        epochs,
        ...(options.signal ? { signal: options.signal } : {}),
        onLosses: (losses) => this.losses.append(losses),
        ...(onProgress
          ? {
              onProgress: async (progress: FitProgress) => {
                const from = performance.now();
                await onProgress(progress);
                excludedMs += performance.now() - from;
              },
            }
          : {}),
      });
      finish(result.finalLosses);
      return {
        startEpoch,
        epochs,
        loss: this.losses.values.slice(startEpoch * members),
        finalLosses: result.finalLosses,
        seconds: seconds(),
      };
    } catch (error) {
      // After an abort the report says what the model holds; its final losses are the last
      // completed epoch's (measuring them afresh would take another pass).
      if (this.losses.length > startEpoch * members) finish(Float64Array.from(this.losses.values.subarray(-members)));
      throw error;
    }
  }

  /**
   * Fit's way with a queue: the jobs train every member from the initial parameters the keys give,
   * then one handle opens on the joined parameters and training state, as if it had trained them.
   * @throws {InvalidArgumentError} naming the option that cannot go with a queue (see FitOptions.queue).
   * @throws {JobFailedError | AbortedError} from the runner.
   */
  private async fitByJobs(data: Dataset, options: FitOptions): Promise<FitHistory> {
    const { queue, validation } = options;
    const refuse = (field: string, why: string) => {
      throw new InvalidArgumentError(`fit with a queue ${why}`, { field });
    };
    if (!queue) refuse("membersPerJob", "needs the queue option: membersPerJob says how it splits the members");
    if (validation?.patience !== undefined)
      refuse(
        "validation.patience",
        "cannot stop early: a stop depends on every member, so they are not independent jobs",
      );
    if (validation && this.spec.head === "categorical")
      refuse("validation", 'has no validation split with head "categorical" yet (nor has a fit without one)');
    if (options.checkpoint) refuse("checkpoint", "keeps checkpoints per job (runMemberJob), not of the whole fit");
    if (this.resumed) refuse("queue", "cannot finish a resumed run: fit it without a queue");
    if (data.yByMember) refuse("yByMember", "trains on shared targets only, not per-member ones (yByMember)");
    const current = await this.session.params();
    if (
      this.losses.length > 0 ||
      this.held ||
      this.report ||
      !sameValues(current.trainable, initEnsembleParams(this.spec).trainable)
    )
      refuse("queue", "trains a new ensemble from the initial parameters its seed draws: fit this one without a queue");
    throwIfAborted(options.signal);
    const started = performance.now();
    const epochs = options.epochs ?? this.spec.epochs;
    // Without patience the held-out rows are scored once, at the end: as in a fit without a queue.
    const heldOut = validation ? holdOut(data, validation, this.spec, (x) => this.predict(x)) : null;
    const training = heldOut ? heldOut.train : data;
    const trained = await trainByJobs(this.spec, training, {
      queue: queue!,
      epochs,
      ...(options.membersPerJob === undefined ? {} : { membersPerJob: options.membersPerJob }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const session = await HandleSession.open(
      this.opened.backend,
      { spec: this.spec, params: { trainable: trained.trainable, prior: current.prior }, state: trained.state },
      this.opened.device,
    );
    await this.session.dispose();
    this.session = session;
    this.calibrationFit = null;
    this.standardizer ??= fitStandardizer(training, this.spec.standardize, this.spec.inputTransform);
    this.held = {
      rows: HeldRows.of(this.standardized(training), bootstrapWeights(this.spec, training.n), this.spec.members),
      batchRows: training.n,
    };
    this.losses.append(trained.lossHistory);
    if (heldOut) {
      await heldOut.finish(epochs);
      if (heldOut.options.calibrate) this.calibrationFit = await heldOut.calibrate(fitCalibration);
    }
    this.trainSeconds = (performance.now() - started) / 1000;
    this.report = this.buildReport(trained.finalLosses, training.n);
    if (heldOut) this.report = { ...this.report, validation: heldOut.report(this.trainedBefore.epochs) };
    return {
      startEpoch: 0,
      epochs,
      loss: this.losses.values.slice(),
      finalLosses: trained.finalLosses,
      seconds: this.trainSeconds,
    };
  }

  /**
   * The rows of a resumed run's data that carry the batch bootstrap: `data` must be the checkpoint's
   * data, or begin with it (more rows, which get online weights: a resumed run on grown data).
   * @throws {InvalidArgumentError} when the data (or its first rows) differ from the checkpoint's.
   */
  private resumedBatchRows(resumed: NonNullable<Ensemble["resumed"]>, data: Dataset): number {
    const rows = resumed.data.n;
    const prefix =
      data.n > rows
        ? {
            ...data,
            x: data.x.subarray(0, rows * data.inputSize),
            y: data.y.subarray(0, rows * data.outputSize),
            n: rows,
          }
        : data;
    assertSameData(resumed.data, prefix);
    return resumed.bootstrapRows;
  }

  /**
   * Appends `rows` to the training data and trains `options.epochs` (default 1) more epochs on all of
   * it, continuing the optimiser (Adam's moments and step count) and the epoch count where the last
   * fit or update left them. Appended row i (counted over the whole training set) of member m gets
   * the online bagging weight onlineBootstrapWeights gives it, a pure function of (seed, m, i): the
   * data and weights after updates do not depend on how the rows arrived in chunks, so ten
   * updates of 10 rows with epochs 0, then E epochs, train bit-identically to one update of 100
   * rows and E epochs. A fit's rows keep their bootstrap ("resample": multinomial counts over the
   * fit's rows; the other kinds give every row its online weight, so there a fit on the
   * concatenated data uses the same weights too). An ensemble with no training data yet (new, or
   * loaded from a model file, which does not store it) starts its rows at 0 and fits its
   * standardizer, when it has none, on the first rows it gets. Per-member targets must be given
   * for every update or for none.
   * @returns this call's history, as fit's.
   * @throws {ShapeError | DataError} for rows of the wrong widths or with a non-finite value; nothing changes.
   * @throws {InvalidArgumentError} for epochs that are not a whole number >= 0, per-member targets on
   *   some updates only, a resumed run not yet fitted, or once disposed; nothing changes.
   * @throws {UnsupportedError} on an inference-only backend (onnx); nothing changes.
   * @throws {AbortedError | DivergenceError | NonFiniteOutputError} as fit.
   */
  async update(rows: Dataset, options: UpdateOptions = {}): Promise<FitHistory> {
    this.session.assertOpen();
    const backend = this.opened.backend;
    if (!backend.capabilities.train) {
      throw new UnsupportedError(
        `backend ${backend.name} runs inference only and cannot update the model: open it on a training backend (matrix, tfjs)`,
        { field: "backend" },
      );
    }
    if (this.resumed) {
      throw new InvalidArgumentError("a resumed run must first be fitted on its checkpoint's data; then update it", {
        field: "update",
      });
    }
    this.checkData(rows);
    const epochs = options.epochs ?? 1;
    if (!(Number.isSafeInteger(epochs) && epochs >= 0)) {
      throw new InvalidArgumentError(`epochs must be a whole number >= 0, got ${epochs}`, { field: "epochs" });
    }
    const held = this.held;
    if (held && Boolean(held.rows.data.yByMember) !== Boolean(rows.yByMember)) {
      throw new InvalidArgumentError(
        held.rows.data.yByMember
          ? "the training data has per-member targets (yByMember): give them for the new rows too"
          : "the training data has no per-member targets: update without yByMember, or fit again with them",
        { field: "yByMember" },
      );
    }
    throwIfAborted(options.signal);
    const members = this.spec.members;
    this.standardizer ??= fitStandardizer(rows, this.spec.standardize, this.spec.inputTransform);
    const scaledRows = this.standardized(rows);
    const from = held?.rows.data.n ?? 0;
    const online = onlineBootstrapWeights(this.spec, from, rows.n);
    const plan = held
      ? { rows: held.rows.append(scaledRows, online), batchRows: held.batchRows, appendTo: held.rows.data, online }
      : { rows: HeldRows.of(scaledRows, online, members), batchRows: 0 };
    // The data in its own units serves a fit only for what an update never does (fitting the
    // standardizer, which exists by now; holding out rows; fingerprints for checkpoints).
    // cannot throw {BackendUnavailableError}: only early stopping reopens a handle, and update has no validation split
    return this.fitWith(plan.rows.data, { ...options, epochs }, plan);
  }

  private async fitWith(
    data: Dataset,
    options: FitOptions,
    /** From update: the rows to hold (standardised, with weights), the batch rows, and the held data it extends with the new rows' weights. */
    plan: {
      readonly rows: HeldRows;
      readonly batchRows: number;
      readonly appendTo?: Dataset;
      readonly online?: Float32Array;
    } | null,
  ): Promise<FitHistory> {
    const resumedBatchRows = this.resumed ? this.resumedBatchRows(this.resumed, data) : null;
    const checkpoint = options.checkpoint;
    if (checkpoint && !(Number.isSafeInteger(checkpoint.every) && checkpoint.every >= 1)) {
      throw new InvalidArgumentError(`checkpoint.every must be a whole number >= 1, got ${checkpoint.every}`, {
        field: "checkpoint.every",
      });
    }
    if (options.validation && this.spec.head === "categorical") {
      throw new InvalidArgumentError(
        'a validation split is not available with head "categorical" yet: train without validation',
        { field: "validation" },
      );
    }
    if (options.validation && (checkpoint || this.resumed)) {
      throw new InvalidArgumentError(
        "a validation split cannot be combined with checkpoints or a resumed run yet: train without checkpoints",
        { field: "validation" },
      );
    }
    if (data.yByMember && (options.validation || checkpoint)) {
      // The split and the checkpoint's data fingerprint cover x and y only.
      throw new InvalidArgumentError(
        "per-member targets (yByMember) cannot be combined with a validation split or checkpoints yet",
        { field: "yByMember" },
      );
    }
    const heldOut: HeldOutRun | null = options.validation
      ? holdOut(data, options.validation, this.spec, (x) => this.predict(x))
      : null;
    const training = heldOut ? heldOut.train : data;
    // A calibration fitted on the parameters before this fit no longer describes the model.
    this.calibrationFit = null;
    this.standardizer ??= fitStandardizer(training, this.spec.standardize, this.spec.inputTransform);
    const batchRows = plan?.batchRows ?? resumedBatchRows ?? training.n;
    const members = this.spec.members;
    const fitWeights = plan ? null : bootstrapWeights(this.spec, training.n, batchRows);
    // Held for later updates, so a copy: standardising may return the caller's own arrays.
    const heldRows = plan?.rows ?? HeldRows.of(this.standardized(training), fitWeights!, members);
    const scaled = heldRows.data;
    // An update's weights are joined only if the handle cannot append (HandleSession.prepare).
    const exampleWeights = fitWeights ?? (() => heldRows.weights());
    const startEpoch = this.losses.length / members;
    const epochs = options.epochs ?? (this.resumed ? this.resumed.targetEpochs - startEpoch : this.spec.epochs);
    const targetEpoch = startEpoch + epochs;
    let fingerprint: DataFingerprint | undefined;
    const secondsBefore = this.trainSeconds;
    const started = performance.now();
    let excludedMs = 0;
    const excluding = async (work: () => unknown) => {
      const from = performance.now();
      await work();
      excludedMs += performance.now() - from;
    };
    const { onProgress } = options;
    const seconds = () => (performance.now() - started - excludedMs) / 1000;
    const held: HeldData = { rows: heldRows, batchRows };
    try {
      const result = await this.session.fit({
        data: scaled,
        exampleWeights,
        epochs,
        ...(plan?.appendTo
          ? { appendTo: plan.appendTo, ...(plan.online ? { appendedWeights: plan.online } : {}) }
          : {}),
        ...(heldOut ? { stopCheck: heldOut.stopCheck(epochs, () => this.session.params()) } : {}),
        ...(options.progressEvery === undefined ? {} : { progressEvery: options.progressEvery }),
        ...(options.progressMs === undefined ? {} : { progressMs: options.progressMs }),
        ...(options.signal ? { signal: options.signal } : {}),
        onLosses: (losses) => {
          // The session's checkFinite has refused any loss float32 cannot hold.
          this.losses.append(losses);
        },
        ...(onProgress ? { onProgress: (progress: FitProgress) => excluding(() => onProgress(progress)) } : {}),
        ...(checkpoint
          ? {
              pause: {
                every: checkpoint.every,
                at: () =>
                  excluding(async () => {
                    this.trainSeconds = secondsBefore + seconds();
                    // Hashed once per fit, at the first checkpoint: the data does not change within a fit.
                    fingerprint ??=
                      this.resumed && this.resumed.data.n === data.n ? this.resumed.data : fingerprintData(data);
                    await checkpoint.save(
                      await this.checkpoint(
                        targetEpoch,
                        fingerprint,
                        checkpoint.meta,
                        batchRows < data.n ? batchRows : null,
                      ),
                    );
                  }),
              },
            }
          : {}),
      });
      this.held = held;
      let finalLosses = result.finalLosses;
      if (heldOut) {
        const best = await heldOut.finish(this.session.epoch);
        if (best) finalLosses = await this.restore(best, { data: scaled, exampleWeights });
        if (heldOut.options.calibrate) this.calibrationFit = await heldOut.calibrate(fitCalibration);
      }
      this.trainSeconds = secondsBefore + seconds();
      this.resumed = null;
      this.report = this.buildReport(finalLosses, training.n);
      if (heldOut) this.report = { ...this.report, validation: heldOut.report(this.trainedBefore.epochs) };
      return {
        startEpoch,
        epochs: this.losses.length / members - startEpoch,
        loss: this.losses.values.slice(startEpoch * members),
        finalLosses,
        seconds: seconds(),
      };
    } catch (error) {
      this.trainSeconds = secondsBefore + seconds();
      // After Stop the model is exported as it stands: the report must say what it holds. An
      // abort before the first epoch changed nothing (and left no training data to measure).
      const trained = this.losses.length > startEpoch * members;
      // Epochs trained on the new data: it is what the backend holds now.
      if (trained) this.held = held;
      if (AbortedError.isInstance(error) && trained)
        this.report = this.buildReport(await this.session.finalLosses(), training.n);
      throw error;
    }
  }

  /** The data in the model's units (standardizeDataset with the ensemble's standardizer). */
  private standardized(data: Dataset): Dataset {
    return standardizeDataset(this.standardizer!, data);
  }

  /**
   * Reopens the ensemble at an earlier epoch's parameters (early stopping's best) on the same
   * backend and device, cuts the loss record back to that epoch, and returns the final losses
   * there. The optimiser state is not kept: the run is over, as after loading a model file.
   */
  private async restore(
    best: { readonly epoch: number; readonly params: EnsembleParams },
    prepared: { readonly data: Dataset; readonly exampleWeights: FitRequest["exampleWeights"] },
  ): Promise<Float64Array> {
    const session = await HandleSession.open(
      this.opened.backend,
      { spec: this.spec, params: best.params },
      this.opened.device,
    );
    await this.session.dispose();
    this.session = session;
    this.losses.truncate(best.epoch * this.spec.members);
    return (await session.fit({ ...prepared, epochs: 0 })).finalLosses;
  }

  /**
   * Records the grid search (searchGrid) that chose this run in its validation report.
   * @throws {InvalidArgumentError} for a run fitted without a validation split.
   */
  recordSearch(search: GridSearchReport): void {
    const validation = this.report?.validation;
    if (!this.report || !validation)
      throw new InvalidArgumentError("only a run fitted with a validation split records a grid search", {
        field: "validation",
      });
    this.report = { ...this.report, validation: { ...validation, search } };
  }

  private async checkpoint(
    targetEpochs: number,
    data: DataFingerprint,
    meta: CheckpointOptions["meta"],
    bootstrapRows: number | null,
  ): Promise<TrainingCheckpoint> {
    return {
      spec: this.spec,
      prior: (await this.session.params()).prior,
      state: await this.session.trainingState(),
      standardizer: this.standardizer!,
      targetEpochs,
      // A copy: the record keeps growing in its store after the checkpoint is handed over.
      lossHistory: this.losses.values.slice(),
      trainSeconds: this.trainSeconds,
      data,
      ...(bootstrapRows === null ? {} : { bootstrapRows }),
      ...(this.columns ? { columns: this.columns } : {}),
      ...(meta ? { meta } : {}),
    };
  }

  private buildReport(finalLosses: Float64Array, examples: number): TrainingReport {
    const members = this.spec.members;
    const history = this.losses.values;
    const steps = history.length / members;
    const every = Math.max(1, Math.ceil(steps / MAX_LOSS_HISTORY_POINTS));
    const meanLossHistory: number[] = [];
    for (let e = 0; e < steps; e += every) {
      let sum = 0;
      for (let m = 0; m < members; m++) sum += history[e * members + m]!;
      meanLossHistory.push(sum / members);
    }
    return {
      backend: this.session.backend,
      device: this.session.device,
      epochs: this.trainedBefore.epochs + steps,
      examples,
      trainSeconds: this.trainedBefore.seconds + this.trainSeconds,
      finalLosses: Array.from(finalLosses),
      lossEvery: every,
      meanLossHistory,
    };
  }

  /**
   * Predictions in the data's units for x [n, inputSize]. With a "std-scaling" calibration the
   * std and both its parts (and each member's variance) carry the fitted factor (applyStdScaling).
   *
   * @throws {NonFiniteOutputError} when an output is not finite (beyond float32's range), naming the rows.
   * @throws {ShapeError} when x's length is not a positive multiple of spec.inputSize.
   * @throws {DataError} for a non-finite value in x.
   * @throws {InvalidArgumentError} once disposed, or for head "categorical" (use predictClasses).
   */
  async predict(x: Float32Array | readonly number[]): Promise<Prediction> {
    const { xs, raw } = await this.rawPrediction(x, false);
    return this.summarize(raw, this.spec.members, xs);
  }

  /** Raw outputs of `memberCount` members in the data's units, summarised, checked and calibrated. */
  private summarize(raw: RawPrediction, memberCount: number, xs: Float32Array): Prediction {
    const standardizer = this.standardizer ?? identityStandardizer(this.spec.inputSize, this.spec.outputSize);
    const prediction = summarizeMembers(
      {
        members: unstandardizeY(standardizer, raw.members),
        prior: scaleY(standardizer, raw.prior),
        trainable: unstandardizeY(standardizer, raw.trainable),
        ...(raw.variance ? { variance: scaleVarianceY(standardizer, raw.variance) } : {}),
      },
      memberCount,
      this.spec.outputSize,
    );
    assertFinitePrediction(prediction, xs);
    const calibration = this.calibrationFit;
    return calibration?.kind === "std-scaling" ? applyStdScaling(prediction, calibration.factors) : prediction;
  }

  /**
   * A member index drawn uniformly from 0…members − 1 with core's keys — randomIntegers(key, 1,
   * members)[0], so the same key always picks the same member on every backend. Thompson sampling
   * acts greedily on the member drawn (Osband, Aslanides & Cassirer 2018); fold a step or episode
   * counter into the key (foldIn) to draw afresh.
   * @throws {InvalidArgumentError} for a key that is not two uint32 words, or once disposed.
   */
  sampleMember(key: RandomKey): number {
    this.session.assertOpen();
    if (!isRandomKey(key)) {
      throw new InvalidArgumentError(
        `key must be a random key, two uint32 words as keyFromSeed or foldIn return, got ${describeValue(key)}`,
        { field: "key", accepted: "[uint32, uint32]" },
      );
    }
    return randomIntegers(key, 1, this.spec.members)[0]!;
  }

  /**
   * Member `member`'s prediction alone for x [n, inputSize], in the data's units, as a prediction of
   * a one-member ensemble: `mean` (= `members`) is t + β·p, `prior` and `trainable` its parts, and
   * for the "gaussian" head `variance` is the member's variance and `std` its square root (no
   * epistemic part within one member). For the "categorical" head `mean` holds the member's K
   * logits (never rescaled; softmax gives its class probabilities). A "std-scaling" calibration
   * scales it as it does `predict`. Only that member's networks run on the backend.
   * @throws {InvalidArgumentError} for a member that is not a whole number in [0, members), or once disposed.
   * @throws {ShapeError} when x's length is not a positive multiple of spec.inputSize.
   * @throws {DataError} for a non-finite value in x.
   * @throws {NonFiniteOutputError} when an output is not finite (beyond float32's range), naming the rows.
   */
  async predictMember(member: number, x: Float32Array | readonly number[]): Promise<MemberPrediction> {
    const xs = x instanceof Float32Array ? x : Float32Array.from(x);
    const standardizer = this.standardizer ?? identityStandardizer(this.spec.inputSize, this.spec.outputSize);
    const raw = await this.session.predictMember(member, standardizeX(standardizer, xs));
    return { ...this.summarize(raw, 1, xs), member };
  }

  /**
   * Class probabilities and the entropy decomposition (summarizeClasses, docs/heads.md) for x
   * [n, inputSize], from the members' logits; head "categorical" only.
   *
   * @throws {InvalidArgumentError} for any other head (use predict), or once disposed.
   * @throws {NonFiniteOutputError} when a logit is not finite (beyond float32's range), naming the rows.
   * @throws {ShapeError} when x's length is not a positive multiple of spec.inputSize.
   * @throws {DataError} for a non-finite value in x.
   */
  async predictClasses(x: Float32Array | readonly number[]): Promise<ClassPrediction> {
    // Logits are never rescaled: standardize "xy" is refused for this head.
    const { xs, raw } = await this.rawPrediction(x, true);
    const prediction = summarizeClasses(raw.members, this.spec.members, this.spec.outputSize);
    assertFiniteClassPrediction(prediction, xs);
    return prediction;
  }

  /**
   * Every member's parameters in the model's (standardised) units: trainable and prior, each [members, paramCount].
   * @throws {InvalidArgumentError} once disposed.
   */
  async params(): Promise<EnsembleParams> {
    return this.session.params();
  }

  /**
   * The model as a model file stores it: spec, parameters, standardizer, training record and columns.
   * @throws {InvalidArgumentError} once disposed.
   */
  async toModel(): Promise<ModelData> {
    return {
      spec: this.spec,
      params: await this.session.params(),
      standardizer: this.standardizer ?? identityStandardizer(this.spec.inputSize, this.spec.outputSize),
      training: this.report,
      ...(this.columns ? { columns: this.columns } : {}),
      ...(this.calibrationFit ? { calibration: this.calibrationFit } : {}),
    };
  }

  /** Releases the backend's resources; later calls throw InvalidArgumentError. Calling it twice does nothing. */
  async dispose(): Promise<void> {
    await this.session.dispose();
  }
}
