import { type EnsembleSpec, UnsupportedError } from "@rpf/core";
import { type MlpSpec, mlpLayout, priorMlp, type RawPrediction, trainableMlp } from "@rpf/core/backend";
import type { Numbers } from "../precision.js";
import { ACTIVATION_CODES, type KernelExports, netRecordBytes } from "./kernel-abi.js";
import { KernelLease, wasmKernelUnavailableReason } from "./kernel-loader.js";
import { align16, growMemoryTo, layoutFrom } from "./memory-layout.js";

/** One member's weights, as the handle's member trainers hold them (float64, mlpLayout order). */
export interface MemberWeights {
  readonly params: Numbers;
  readonly prior: Numbers;
}

/**
 * Bytes of a block's widest layer, so that a block's activations stay in cache from one layer to
 * the next: 256 rows for the seed's 16-wide layers (where 8 to 128 KiB measured alike).
 */
const BLOCK_BYTES = 32 << 10;
const MAX_BLOCK_ROWS = 4096;
/** Bytes of float32 x and outputs per kernel call: enough rows that a call's overhead vanishes, bounded memory. */
const SPAN_BYTES = 1 << 20;

/**
 * Prediction on the wasm kernel (assembly/predictor.ts): the trainable and the prior network of
 * every member, forward only, in the operation order of DenseNetwork.forward, so the outputs are
 * bit-identical to member-predictor.ts's TypeScript forward pass wherever the trainer is (ELU and
 * tanh through fdlibm's expm1 and tanh; see wasm-member-trainer.ts). One instance serves a whole
 * ensemble: the members' weights are copied in at each call, then x goes through in spans of
 * rows, each span through every member, and each member's results are copied out as float32.
 */
export class WasmPredictor {
  /** Rows per block (even), and rows per kernel call: both follow from the spec's widths. */
  readonly blockRows: number;
  readonly spanRows: number;
  /** Lent by the kernel pool until dispose. */
  private readonly lease: KernelLease;
  private readonly trainableCount: number;
  private readonly priorCount: number;
  private readonly weightsAt: number;
  /** The end of the fixed layout; each call's span buffers are laid out after it. */
  private readonly fixedEnd: number;

  /** Why this spec cannot predict on the wasm kernel here, or null when it can. */
  static unsupportedReason(spec: EnsembleSpec): string | null {
    for (const [net, mlp] of [
      ["trainable", spec.trainable],
      ["prior", spec.prior],
    ] as const) {
      if (ACTIVATION_CODES[mlp.activation] === undefined)
        return `the ${net} activation "${mlp.activation}" has no wasm kernel`;
    }
    // The kernel adds β·p to every output, as the mse and categorical heads do; the Gaussian
    // head's variance outputs take no prior.
    if (spec.head === "gaussian") return `the "${spec.head}" head predicts on TypeScript`;
    return wasmKernelUnavailableReason();
  }

  constructor(private readonly spec: EnsembleSpec) {
    const reason = WasmPredictor.unsupportedReason(spec);
    if (reason) throw new UnsupportedError(`cannot predict on the wasm kernel: ${reason}`, { field: "wasm" });
    this.lease = new KernelLease("wasm predictor");
    const trainable = trainableMlp(spec);
    const prior = priorMlp(spec);
    this.trainableCount = mlpLayout(trainable).paramCount;
    this.priorCount = mlpLayout(prior).paramCount;
    const widestHidden = Math.max(0, ...spec.trainable.hiddenSizes, ...spec.prior.hiddenSizes);
    const widest = Math.max(spec.inputSize, spec.outputSize, widestHidden);
    // Even: the kernel interleaves the rows of a block in pairs.
    const blockRows = 2 * Math.max(1, Math.floor(Math.min(MAX_BLOCK_ROWS, BLOCK_BYTES / (8 * widest)) / 2));
    this.blockRows = blockRows;
    const spanBytesPerRow = 4 * (spec.inputSize + 3 * spec.outputSize);
    this.spanRows = blockRows * Math.max(1, Math.floor(SPAN_BYTES / (blockRows * spanBytesPerRow)));

    const layout = layoutFrom(this.kernel.heapBase());
    const reserve = (bytes: number) => layout.reserve(bytes);
    const values = (count: number) => reserve(count * 8);
    const trainableNet = this.describe(reserve(netRecordBytes(spec.trainable.hiddenSizes.length + 1)), trainable);
    const priorNet = this.describe(reserve(netRecordBytes(spec.prior.hiddenSizes.length + 1)), prior);
    this.weightsAt = values(spec.members * (this.trainableCount + this.priorCount));
    const xBlock = values(blockRows * spec.inputSize);
    const hiddenA = values(blockRows * widestHidden);
    const hiddenB = values(blockRows * widestHidden);
    const trainableBlock = values(blockRows * spec.outputSize);
    const priorBlock = values(blockRows * spec.outputSize);
    this.fixedEnd = layout.end;
    this.growTo(layout.end);
    this.kernel.configurePredictor(
      trainableNet,
      priorNet,
      spec.inputSize,
      spec.outputSize,
      blockRows,
      xBlock,
      hiddenA,
      hiddenB,
      trainableBlock,
      priorBlock,
    );
  }

  /** Gives the kernel instance back for reuse; the predictor cannot be used afterwards. */
  dispose(): void {
    this.lease.release();
  }

  private get kernel(): KernelExports {
    return this.lease.kernel;
  }

  /**
   * Writes every member's t, β·p and t + β·p on x [n, inputSize] into `out` (as
   * allocateRawPrediction lays it out); `members` holds each member's current weights.
   */
  predict(x: Float32Array, n: number, members: readonly MemberWeights[], out: RawPrediction): void {
    const { inputSize, outputSize, priorScale } = this.spec;
    const perMember = this.trainableCount + this.priorCount;
    this.growTo(this.fixedEnd);
    const weights = new Float64Array(this.kernel.memory.buffer);
    members.forEach((member, m) => {
      weights.set(member.params, this.weightsAt / 8 + m * perMember);
      weights.set(member.prior, this.weightsAt / 8 + m * perMember + this.trainableCount);
    });

    const spanRows = Math.min(n, this.spanRows);
    const span = spanRows * outputSize;
    const xAt = this.fixedEnd;
    const membersAt = align16(xAt + spanRows * inputSize * 4);
    const trainableAt = align16(membersAt + span * 4);
    const priorAt = align16(trainableAt + span * 4);
    this.growTo(priorAt + span * 4);
    const buffer = this.kernel.memory.buffer;
    const spanX = new Float32Array(buffer, xAt, spanRows * inputSize);
    const results = [
      { from: new Float32Array(buffer, membersAt, span), to: out.members },
      { from: new Float32Array(buffer, trainableAt, span), to: out.trainable },
      { from: new Float32Array(buffer, priorAt, span), to: out.prior },
    ];
    for (let start = 0; start < n; start += spanRows) {
      const rows = Math.min(spanRows, n - start);
      spanX.set(x.subarray(start * inputSize, (start + rows) * inputSize));
      for (let m = 0; m < members.length; m++) {
        const trainableParams = this.weightsAt + m * perMember * 8;
        this.kernel.predictRows(
          trainableParams,
          trainableParams + this.trainableCount * 8,
          priorScale,
          xAt,
          rows,
          membersAt,
          trainableAt,
          priorAt,
        );
        const offset = (m * n + start) * outputSize;
        for (const { from, to } of results)
          to.set(rows === spanRows ? from : from.subarray(0, rows * outputSize), offset);
      }
    }
  }

  /** Writes the record assembly/predictor.ts reads for one network at `net`; returns `net`. */
  private describe(net: number, mlp: MlpSpec): number {
    this.growTo(net + netRecordBytes(mlp.hiddenSizes.length + 1));
    const { layers } = mlpLayout(mlp);
    this.kernel.describeNet(net, layers.length, ACTIVATION_CODES[mlp.activation]!);
    layers.forEach((layer, l) => {
      this.kernel.describeNetLayer(net, l, layer.fanIn, layer.fanOut, layer.kernel.offset, layer.bias.offset);
    });
    return net;
  }

  private growTo(bytes: number): void {
    growMemoryTo(this.kernel, bytes);
  }
}
