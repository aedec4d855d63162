import {
  type EnsembleParams,
  type EnsembleSpec,
  type EnsembleSpecInput,
  makeToyData,
  resolveEnsembleSpec,
} from "@rpf/core";
import {
  bootstrapWeights,
  HandleSession,
  type MlpSpec,
  mlpLayout,
  paramCounts,
  priorMlp,
  type RawPrediction,
  trainableMlp,
} from "@rpf/core/backend";
import { foldIn, keyFromSeed, normal, uniform } from "@rpf/core/random";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DenseNetwork } from "../dense-network.js";
import { createMatrixHandle } from "../matrix-handle.js";
import { ENGINE_MATH_IS_KERNEL_MATH } from "./engine-math.fixture.js";
import { ACTIVATION_CODES, netRecordBytes } from "./kernel-abi.js";
import { instantiateKernel } from "./kernel-loader.js";
import { WasmPredictor } from "./wasm-predictor.js";

/**
 * Weights with nonzero biases (initial ones are zero) at a scale that spreads pre-activations over
 * every range the activations treat apart: positive, each of expm1's branches, and below −38.8,
 * where ELU saturates to −1.
 */
function randomParams(spec: EnsembleSpec, seed: number): EnsembleParams {
  const counts = paramCounts(spec);
  const root = keyFromSeed(seed);
  return {
    trainable: normal(foldIn(root, 1), spec.members * counts.trainable).map((v) => 1.5 * v),
    prior: normal(foldIn(root, 2), spec.members * counts.prior).map((v) => 1.5 * v),
  };
}

/**
 * x [n, inputSize]: a sorted grid for the first half of the rows (neighbouring rows alike, as in
 * a plot), scattered values for the rest, a few far out, and both zeros.
 */
function inputs(n: number, inputSize: number, seed: number): Float32Array {
  const x = uniform(foldIn(keyFromSeed(seed), 3), n * inputSize, -8, 8);
  const grid = Math.floor(n / 2);
  for (let i = 0; i < grid; i++) {
    for (let k = 0; k < inputSize; k++) x[i * inputSize + k] = -8 + (16 * i) / grid + 0.25 * k;
  }
  for (let i = grid; i < x.length; i += 7) x[i] = 60 * (i % 2 === 0 ? 1 : -1);
  x[0] = -0;
  if (x.length > 1) x[1] = 0;
  return x;
}

/** Whether wasm and TypeScript must agree to the last bit on these networks here (see engine-math.fixture.ts). */
function exact(...networks: MlpSpec[]): boolean {
  return (
    ENGINE_MATH_IS_KERNEL_MATH || networks.every(({ activation }) => activation !== "elu" && activation !== "tanh")
  );
}

/** Where `actual` first differs from `expected` by Object.is (or beyond `tolerance`, relative), or −1. */
function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): number {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const [a, b] = [actual[i]!, expected[i]!];
    if (tolerance === 0 ? !Object.is(a, b) : !(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b)))) return i;
  }
  return -1;
}

/** Every float32 of the prediction is the reference's, by Object.is (within 1e-6 where Math is not fdlibm's). */
function expectSamePrediction(actual: RawPrediction, expected: RawPrediction, bitForBit: boolean): void {
  for (const part of ["members", "trainable", "prior"] as const) {
    const at = firstDifference(actual[part], expected[part], bitForBit ? 0 : 1e-6);
    expect(at, `${part}[${at}] is ${actual[part][at]}, the TypeScript forward pass gives ${expected[part][at]}`).toBe(
      -1,
    );
  }
}

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * forwardArray on a kernel instance laid out as WasmPredictor lays one out, but with `blockRows`
 * of our choosing, so a few rows cross blocks and end on an odd pair: one network's float64
 * outputs, which float32 predictions would round away.
 */
function kernelForward(mlp: MlpSpec, params: Float64Array, x: Float64Array, n: number, blockRows: number) {
  const kernel = instantiateKernel();
  const { layers } = mlpLayout(mlp);
  const widest = Math.max(0, ...mlp.hiddenSizes);
  let cursor = align16(kernel.heapBase());
  const reserve = (bytes: number) => {
    const at = cursor;
    cursor = align16(cursor + bytes);
    return at;
  };
  const net = reserve(netRecordBytes(layers.length));
  const [paramsAt, xAt, outAt] = [params.length, x.length, n * mlp.outputSize].map((count) => reserve(8 * count));
  const [xBlock, hiddenA, hiddenB, outBlock] = [mlp.inputSize, widest, widest, mlp.outputSize].map((width) =>
    reserve(8 * blockRows * width),
  );
  kernel.memory.grow(Math.max(0, Math.ceil((cursor - kernel.memory.buffer.byteLength) / 65536)));
  kernel.describeNet(net, layers.length, ACTIVATION_CODES[mlp.activation]!);
  layers.forEach((layer, l) => {
    kernel.describeNetLayer(net, l, layer.fanIn, layer.fanOut, layer.kernel.offset, layer.bias.offset);
  });
  kernel.configurePredictor(
    net,
    net,
    mlp.inputSize,
    mlp.outputSize,
    blockRows,
    xBlock!,
    hiddenA!,
    hiddenB!,
    outBlock!,
    0,
  );
  const memory = new Float64Array(kernel.memory.buffer);
  memory.set(params, paramsAt! / 8);
  memory.set(x, xAt! / 8);
  kernel.forwardArray(net, paramsAt!, xAt!, n, outAt!);
  return memory.slice(outAt! / 8, outAt! / 8 + n * mlp.outputSize);
}

/** A handle on the wasm kernel and one on the TypeScript reference, with the same weights. */
function handles(input: EnsembleSpecInput, seed = 1) {
  const spec = resolveEnsembleSpec({ members: 3, ...input });
  const params = randomParams(spec, seed);
  const wasm = createMatrixHandle({ spec, params });
  const reference = createMatrixHandle({ spec, params }, { kernel: "typescript" });
  expect(wasm.kernel).toBe("wasm");
  expect(reference.kernel).toBe("typescript");
  return { spec, wasm, reference, bitForBit: exact(trainableMlp(spec), priorMlp(spec)) };
}

const SHAPES: { name: string; spec: EnsembleSpecInput }[] = [
  { name: "the seed shape (1 → 16 → 16 → 1, ELU, β = 3)", spec: {} },
  {
    name: "3 inputs, 2 outputs, relu widths 7/5; a tanh prior 6 wide",
    spec: {
      inputSize: 3,
      outputSize: 2,
      trainable: { hiddenSizes: [7, 5], activation: "relu" },
      prior: { hiddenSizes: [6], activation: "tanh" },
    },
  },
  {
    name: "2 inputs, 3 outputs, tanh widths 33/3/9; a prior with no hidden layer",
    spec: {
      inputSize: 2,
      outputSize: 3,
      trainable: { hiddenSizes: [33, 3, 9], activation: "tanh" },
      prior: { hiddenSizes: [], activation: "identity" },
    },
  },
  {
    name: "5 inputs, identity widths 1/6; a deeper relu prior, β = 0.37",
    spec: {
      inputSize: 5,
      trainable: { hiddenSizes: [1, 6], activation: "identity" },
      prior: { hiddenSizes: [10, 10, 3], activation: "relu" },
      priorScale: 0.37,
    },
  },
  {
    name: "ELU with an ELU prior of another shape, 4 outputs, β = 0",
    spec: {
      inputSize: 2,
      outputSize: 4,
      trainable: { hiddenSizes: [12, 5], activation: "elu" },
      prior: { hiddenSizes: [3], activation: "elu" },
      priorScale: 0,
    },
  },
  {
    name: "the categorical head: 2 inputs, 3 class logits, ELU, β·p on every logit",
    spec: { inputSize: 2, outputSize: 3, head: "categorical", trainable: { hiddenSizes: [16, 16] } },
  },
];

describe("the kernel's forward pass, in float64", () => {
  it.each(SHAPES)("is bit-identical to DenseNetwork.forward, both networks: $name", ({ spec: input }) => {
    const spec = resolveEnsembleSpec({ members: 1, ...input });
    const params = randomParams(spec, 4);
    const n = 45;
    const x = Float64Array.from(inputs(n, spec.inputSize, 6));
    for (const [mlp, weights] of [
      [trainableMlp(spec), Float64Array.from(params.trainable)],
      [priorMlp(spec), Float64Array.from(params.prior)],
    ] as const) {
      const expected = new DenseNetwork(mlp, n).forward(weights, x, n);
      for (const blockRows of [2, 6, 64]) {
        const at = firstDifference(kernelForward(mlp, weights, x, n, blockRows), expected, exact(mlp) ? 0 : 1e-12);
        expect(at, `output ${at} with ${blockRows}-row blocks`).toBe(-1);
      }
    }
  });
});

describe("predict on the wasm kernel", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  describe.each(SHAPES)("$name", ({ spec: input }) => {
    it("is bit-identical to the TypeScript forward pass for n = 1, 2, 3, 37, and on one handle after another", async () => {
      const predictor = vi.spyOn(WasmPredictor.prototype, "predict");
      const { spec, wasm, reference, bitForBit } = handles(input);
      for (const n of [1, 2, 3, 37, 1, 200, 2]) {
        const x = inputs(n, spec.inputSize, n);
        expectSamePrediction(await wasm.predict(x), await reference.predict(x), bitForBit);
      }
      expect(predictor).toHaveBeenCalledTimes(7);
    });
  });

  it("is bit-identical across block and span boundaries", async () => {
    const { spec, wasm, reference, bitForBit } = handles({}, 2);
    const { blockRows, spanRows } = new WasmPredictor(spec);
    expect(blockRows % 2).toBe(0);
    expect(spanRows % blockRows).toBe(0);
    for (const n of [blockRows - 1, blockRows + 1, 3 * blockRows + 2, spanRows + blockRows + 3, 2 * spanRows + 1]) {
      const x = inputs(n, spec.inputSize, n);
      expectSamePrediction(await wasm.predict(x), await reference.predict(x), bitForBit);
    }
  });

  it("predicts with the weights of the latest fit", async () => {
    const { spec, wasm, reference, bitForBit } = handles({}, 3);
    const data = makeToyData({ n: 40 });
    const x = inputs(101, 1, 5);
    await wasm.predict(x);
    for (const handle of [wasm, reference]) {
      await new HandleSession(handle, spec).fit({ data, exampleWeights: bootstrapWeights(spec, data.n), epochs: 5 });
    }
    expectSamePrediction(await wasm.predict(x), await reference.predict(x), bitForBit);
  });

  it("leaves a GELU prior, and so the whole prediction, to the TypeScript forward pass", async () => {
    const predictor = vi.spyOn(WasmPredictor.prototype, "predict");
    const { spec, wasm, reference } = handles({
      outputSize: 2,
      trainable: { hiddenSizes: [9, 16], activation: "elu" },
      prior: { hiddenSizes: [12], activation: "gelu" },
    });
    expect(WasmPredictor.unsupportedReason(spec)).toMatch(/prior activation "gelu"/);
    for (const n of [1, 37]) {
      const x = inputs(n, spec.inputSize, n);
      expectSamePrediction(await wasm.predict(x), await reference.predict(x), true);
    }
    expect(predictor).not.toHaveBeenCalled();
  });
});
