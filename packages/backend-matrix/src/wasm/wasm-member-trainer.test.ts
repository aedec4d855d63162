import {
  type EnsembleSpecInput,
  InvalidArgumentError,
  makeToyData,
  resolveEnsembleSpec,
  UnsupportedError,
} from "@rpf/core";
import { bootstrapWeights, initEnsembleParams, minibatchOrder, paramCounts, priorMlp } from "@rpf/core/backend";
import { describe, expect, it } from "vitest";
import { DenseNetwork } from "../dense-network.js";
import { MemberTrainer, type TrainingSet } from "../member-trainer.js";
import { trainMinibatchEpoch } from "../minibatch-epoch.js";
import { ENGINE_MATH_IS_KERNEL_MATH } from "./engine-math.fixture.js";
import { blockRowsFor, WasmMemberTrainer } from "./wasm-member-trainer.js";

/** A smooth deterministic data set with several inputs and outputs. */
function waveData(n: number, inputSize: number, outputSize: number): TrainingSet {
  const x = new Float64Array(n * inputSize);
  const y = new Float64Array(n * outputSize);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < inputSize; k++) x[i * inputSize + k] = Math.sin(1.7 * i + 0.9 * k) * (1 + 0.3 * k);
    for (let o = 0; o < outputSize; o++) {
      y[i * outputSize + o] = Math.cos(x[i * inputSize]! * (o + 1)) + 0.5 * x[i * inputSize + inputSize - 1]!;
    }
  }
  return { x, y, n };
}

/** The wave data's inputs with one-hot labels: the class is the sign pattern of two smooth functions (K ≤ 4). */
function classData(n: number, inputSize: number, classes: number): TrainingSet {
  const { x } = waveData(n, inputSize, 1);
  const y = new Float64Array(n * classes);
  for (let i = 0; i < n; i++) {
    const a = Math.sin(2 * x[i * inputSize]!) > 0 ? 1 : 0;
    const b = x[i * inputSize + inputSize - 1]! > 0.2 ? 2 : 0;
    y[i * classes + ((a + b) % classes)] = 1;
  }
  return { x, y, n };
}

function toySet(n: number): TrainingSet {
  const data = makeToyData({ n });
  return { x: Float64Array.from(data.x), y: Float64Array.from(data.y), n };
}

interface Case {
  readonly name: string;
  readonly spec: EnsembleSpecInput;
  readonly data: TrainingSet;
}

const CASES: Case[] = [
  {
    name: "the seed workload's member (1 → 16 → 16 → 1, ELU, Adam, β = 3, resampled)",
    spec: {},
    data: toySet(100),
  },
  {
    name: "2 inputs, widths 5/33/7, 2 outputs, relu, Adam",
    spec: { inputSize: 2, outputSize: 2, trainable: { hiddenSizes: [5, 33, 7], activation: "relu" }, seed: 3 },
    data: waveData(61, 2, 2),
  },
  {
    name: "3 inputs, widths 33/5, tanh, SGD with momentum, Bernoulli weights with zeros",
    spec: {
      inputSize: 3,
      trainable: { hiddenSizes: [33, 5], activation: "tanh" },
      optimizer: { kind: "sgd", learningRate: 0.01, momentum: 0.9 },
      bootstrap: { kind: "bernoulli", p: 0.5 },
      seed: 5,
    },
    data: waveData(47, 3, 1),
  },
  {
    name: "identity activation, 3 outputs, plain SGD",
    spec: {
      inputSize: 2,
      outputSize: 3,
      trainable: { hiddenSizes: [4], activation: "identity" },
      optimizer: { kind: "sgd", learningRate: 0.02, momentum: 0 },
      seed: 7,
    },
    data: waveData(30, 2, 3),
  },
  {
    name: "ELU trainable with a GELU prior of another shape",
    spec: {
      inputSize: 1,
      outputSize: 2,
      trainable: { hiddenSizes: [9, 16], activation: "elu" },
      prior: { hiddenSizes: [12], activation: "gelu" },
      seed: 11,
    },
    data: waveData(40, 1, 2),
  },
  {
    name: "gradient clipping to a global norm that bites, Adam and relu",
    spec: {
      trainable: { hiddenSizes: [8, 8], activation: "relu" },
      optimizer: { kind: "adam", learningRate: 0.05, clipNorm: 0.05 },
      seed: 13,
    },
    data: toySet(50),
  },
  {
    name: "the Gaussian head on the seed member (mean and softplus variance, NLL)",
    spec: { head: "gaussian" },
    data: toySet(100),
  },
  {
    name: "the Gaussian head, 2 outputs, relu, a large variance floor, Bernoulli weights",
    spec: {
      inputSize: 2,
      outputSize: 2,
      head: "gaussian",
      varianceFloor: 0.05,
      trainable: { hiddenSizes: [5, 33, 7], activation: "relu" },
      bootstrap: { kind: "bernoulli", p: 0.5 },
      seed: 17,
    },
    data: waveData(61, 2, 2),
  },
  {
    name: "decoupled weight decay with Adam (mse head)",
    spec: { weightDecay: 0.01, seed: 19 },
    data: toySet(60),
  },
  {
    name: "decoupled weight decay with SGD and momentum, Gaussian head, tanh, 3 outputs",
    spec: {
      inputSize: 2,
      outputSize: 3,
      head: "gaussian",
      weightDecay: 0.1,
      trainable: { hiddenSizes: [9], activation: "tanh" },
      optimizer: { kind: "sgd", learningRate: 0.01, momentum: 0.9 },
      seed: 23,
    },
    data: waveData(30, 2, 3),
  },
  {
    name: "the categorical head, 3 classes, ELU, Adam, β = 3, resampled (softmax cross-entropy)",
    spec: { inputSize: 2, outputSize: 3, head: "categorical", trainable: { hiddenSizes: [16, 16] }, seed: 29 },
    data: classData(80, 2, 3),
  },
  {
    name: "the categorical head, 2 classes, relu, SGD with momentum and weight decay, Bernoulli weights",
    spec: {
      inputSize: 3,
      outputSize: 2,
      head: "categorical",
      weightDecay: 0.05,
      trainable: { hiddenSizes: [7, 33], activation: "relu" },
      optimizer: { kind: "sgd", learningRate: 0.05, momentum: 0.9 },
      bootstrap: { kind: "bernoulli", p: 0.5 },
      seed: 31,
    },
    data: classData(45, 3, 2),
  },
  {
    name: "the categorical head, 4 classes, tanh, β = 40 (logits far apart: exp underflows to 0)",
    spec: {
      inputSize: 2,
      outputSize: 4,
      head: "categorical",
      priorScale: 40,
      trainable: { hiddenSizes: [9], activation: "tanh" },
      seed: 37,
    },
    data: classData(50, 2, 4),
  },
];

/** Both trainers for member 0 of the spec, prepared on the same data with maxBatch rows of buffers. */
function trainers(testCase: Case, maxBatch = testCase.data.n) {
  const spec = resolveEnsembleSpec({ members: 2, ...testCase.spec });
  const params = initEnsembleParams(spec);
  const counts = paramCounts(spec);
  const trainable = params.trainable.subarray(0, counts.trainable);
  const prior = params.prior.subarray(0, counts.prior);
  const data = testCase.data;
  const priorNetwork = new DenseNetwork(priorMlp(spec), data.n);
  const reference = new MemberTrainer(spec, trainable, prior, maxBatch, "float64");
  const wasm = new WasmMemberTrainer(spec, trainable, prior, maxBatch);
  reference.preparePrior(data, priorNetwork);
  wasm.preparePrior(data, priorNetwork);
  const weights = bootstrapWeights(spec, data.n).subarray(0, data.n);
  return { spec, data, weights, reference, wasm, priorNetwork };
}

/** The bit patterns of a vector, so that −0 ≠ +0 and every last bit counts. */
function bits(values: ArrayLike<number>): string[] {
  const view = new DataView(new ArrayBuffer(8));
  return Array.from(values, (x) => {
    view.setFloat64(0, x);
    return view.getBigUint64(0).toString(16);
  });
}

/** max |a − b| / max |b|: a disagreement measured against the size of the values. */
function relativeDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return worst / scale;
}

/**
 * Whether the two trainers must agree to the last bit on this case here: ELU and tanh networks,
 * and the Gaussian and categorical heads (expm1 and log), only where the engine's Math is fdlibm's (Adam amplifies
 * a last-bit difference in one activation until long runs part visibly, as any two float64
 * implementations would).
 */
function exact(testCase: Case): boolean {
  const spec = resolveEnsembleSpec(testCase.spec);
  const activation = spec.trainable.activation;
  return ENGINE_MATH_IS_KERNEL_MATH || (activation !== "elu" && activation !== "tanh" && spec.head === "mse");
}

describe("WasmMemberTrainer against the TypeScript MemberTrainer", () => {
  describe.each(CASES)("$name", (testCase) => {
    it("agrees to 1e-12 after 1 and 10 full-batch steps, on any engine", () => {
      const { data, weights, reference, wasm } = trainers(testCase);
      for (let step = 1; step <= 10; step++) {
        const expected = reference.step(data, weights, null, 0, data.n);
        expect(Math.abs(wasm.step(data, weights, null, 0, data.n) - expected)).toBeLessThanOrEqual(
          1e-12 * Math.abs(expected),
        );
        if (step === 1 || step === 10) expect(relativeDifference(wasm.params, reference.params)).toBeLessThan(1e-12);
      }
    });

    /*
     * Every operation runs in the TypeScript trainer's order, and expm1/tanh round as fdlibm, so
     * the two trainers agree to the last bit, not just within a tolerance.
     */
    it.runIf(exact(testCase))("is bit-identical after 1, 10 and 300 full-batch steps, loss by loss", () => {
      const { data, weights, reference, wasm } = trainers(testCase);
      if (testCase.spec.bootstrap) expect(weights.includes(0)).toBe(true);
      let steps = 0;
      for (const checkpoint of [1, 10, 300]) {
        for (; steps < checkpoint; steps++) {
          expect(wasm.step(data, weights, null, 0, data.n)).toBe(reference.step(data, weights, null, 0, data.n));
        }
        expect(bits(wasm.params)).toEqual(bits(reference.params));
        expect(wasm.loss(data, weights)).toBe(reference.loss(data, weights));
      }
      expect(wasm.stepCount).toBe(300);
    });

    it.runIf(exact(testCase))("is bit-identical over 40 minibatch epochs (batch 16, a short last batch)", () => {
      const { spec, data, weights, reference, wasm } = trainers(testCase, 16);
      const losses = new Float64Array(40);
      const orderOf = (epoch: number) => minibatchOrder(spec.seed, 0, epoch, data.n);
      expect(wasm.trainEpochs(data, weights, 40, losses, { batch: 16, order: orderOf })).toBe(40);
      for (let epoch = 0; epoch < 40; epoch++) {
        expect(losses[epoch]).toBe(trainMinibatchEpoch(reference, data, weights, orderOf(epoch), 16));
      }
      expect(bits(wasm.params)).toEqual(bits(reference.params));
      expect(wasm.loss(data, weights)).toBe(reference.loss(data, weights));
    });
  });

  it.runIf(exact(CASES[0]!))(
    "is bit-identical over the seed workload's 3000 epochs, run as one trainEpochs call",
    () => {
      const { data, weights, reference, wasm } = trainers(CASES[0]!);
      const losses = new Float64Array(3000);
      expect(wasm.trainEpochs(data, weights, 3000, losses)).toBe(3000);
      for (let e = 0; e < 3000; e++) expect(losses[e]).toBe(reference.step(data, weights, null, 0, data.n));
      expect(bits(wasm.params)).toEqual(bits(reference.params));
    },
  );
});

/*
 * The kernel runs a batch through forward and backward in cache-sized blocks of rows, continuing
 * the loss and every gradient entry's sum over rows from one block to the next. A set of 5,001
 * rows spans dozens of blocks (and ends on a short, odd one); odd widths reach every remainder
 * path of the gradient kernels, and 2 outputs the paired last columns.
 */
describe("WasmMemberTrainer on a batch of many row blocks", () => {
  const blocked = (activation: "relu" | "elu"): Case => ({
    name: `3 inputs, widths 33/33, 2 outputs, ${activation}`,
    spec: { inputSize: 3, outputSize: 2, trainable: { hiddenSizes: [33, 33], activation }, seed: 17 },
    data: waveData(5001, 3, 2),
  });

  it("uses blocks much smaller than the batch here", () => {
    const spec = resolveEnsembleSpec(blocked("relu").spec);
    const rows = blockRowsFor(
      [33, 33, 2].map((fanOut) => ({ fanOut })),
      spec.inputSize,
      spec.outputSize,
      5001,
    );
    expect(rows).toBeLessThan(5001 / 10);
    expect((5001 % rows) % 2).toBe(1);
  });

  const categorical: Case = {
    name: "3 inputs, widths 33/33, 3 classes, elu, categorical head",
    spec: { ...blocked("elu").spec, outputSize: 3, head: "categorical" },
    data: classData(5001, 3, 3),
  };

  describe.each([blocked("relu"), blocked("elu"), categorical])("$name", (testCase) => {
    it.runIf(exact(testCase))("is bit-identical over 5 full-batch steps, loss by loss", () => {
      const { data, weights, reference, wasm } = trainers(testCase);
      for (let step = 0; step < 5; step++) {
        expect(wasm.step(data, weights, null, 0, data.n)).toBe(reference.step(data, weights, null, 0, data.n));
      }
      expect(bits(wasm.params)).toEqual(bits(reference.params));
      expect(wasm.loss(data, weights)).toBe(reference.loss(data, weights));
    });

    it.runIf(exact(testCase))(
      "is bit-identical over 2 minibatch epochs of batch 1,500 (gathered block by block)",
      () => {
        const { spec, data, weights, reference, wasm } = trainers(testCase, 1500);
        const losses = new Float64Array(2);
        const orderOf = (epoch: number) => minibatchOrder(spec.seed, 0, epoch, data.n);
        expect(wasm.trainEpochs(data, weights, 2, losses, { batch: 1500, order: orderOf })).toBe(2);
        for (let epoch = 0; epoch < 2; epoch++) {
          expect(losses[epoch]).toBe(trainMinibatchEpoch(reference, data, weights, orderOf(epoch), 1500));
        }
        expect(bits(wasm.params)).toEqual(bits(reference.params));
      },
    );
  });
});

describe("WasmMemberTrainer on its own", () => {
  const seed = CASES[0]!;

  it("runs many epochs per call exactly as the same number of single steps", () => {
    const a = trainers(seed);
    const b = trainers(seed);
    const losses = new Float64Array(1500);
    expect(a.wasm.trainEpochs(a.data, a.weights, 1500, losses)).toBe(1500);
    for (let e = 0; e < 1500; e++) expect(b.wasm.step(b.data, b.weights, null, 0, b.data.n)).toBe(losses[e]);
    expect(bits(a.wasm.params)).toEqual(bits(b.wasm.params));
    expect(a.wasm.stepCount).toBe(1500);
  });

  it("is deterministic: two trainers from the same inputs give the same bits", () => {
    const runs = [trainers(CASES[2]!), trainers(CASES[2]!)].map(({ data, weights, wasm }) => {
      const losses = new Float64Array(200);
      wasm.trainEpochs(data, weights, 200, losses);
      return [...losses, ...wasm.params];
    });
    expect(runs[0]).toEqual(runs[1]);
  });

  it("continues bit-identically from a saved state (getState/setState and the ensemble-array form)", () => {
    const { data, weights, wasm } = trainers(seed);
    const losses = new Float64Array(50);
    wasm.trainEpochs(data, weights, 20, losses);
    const saved = wasm.getState();
    const trainable = new Float64Array(saved.params.length + 3);
    const slots = [new Float64Array(trainable.length), new Float64Array(trainable.length)];
    wasm.writeState(trainable, slots, 3);
    wasm.trainEpochs(data, weights, 30, losses);
    const expected = wasm.getState();

    for (const restore of [
      (other: WasmMemberTrainer) => other.setState(saved),
      (other: WasmMemberTrainer) => other.readState({ step: saved.step, trainable, slots }, 3),
    ]) {
      const other = trainers(seed);
      restore(other.wasm);
      expect(other.wasm.stepCount).toBe(20);
      other.wasm.trainEpochs(other.data, other.weights, 30, losses);
      const actual = other.wasm.getState();
      expect(actual.step).toBe(50);
      for (const part of ["params", "first", "second"] as const) {
        expect(bits(actual[part])).toEqual(bits(expected[part]));
      }
    }
  });

  it("stops after the first epoch whose loss is not finite, as the TypeScript trainer diverges", () => {
    const diverging: Case = {
      ...CASES[3]!,
      spec: { ...CASES[3]!.spec, optimizer: { kind: "sgd", learningRate: 50, momentum: 0.9 } },
    };
    const { data, weights, reference, wasm } = trainers(diverging);
    const losses = new Float64Array(5000);
    const ran = wasm.trainEpochs(data, weights, 5000, losses);
    expect(ran).toBeLessThan(5000);
    expect(Number.isFinite(losses[ran - 1]!)).toBe(false);
    expect(losses.subarray(0, ran - 1).every(Number.isFinite)).toBe(true);
    let epochs = 0;
    while (Number.isFinite(reference.step(data, weights, null, 0, data.n))) epochs++;
    expect(ran).toBe(epochs + 1);
    expect(wasm.stepCount).toBe(ran);
  });

  it("needs preparePrior on the data it trains on, and a full batch that fits", () => {
    const { data, weights, wasm, priorNetwork } = trainers(seed, 50);
    const other = toySet(100);
    expect(() => wasm.step(other, weights, null, 0, other.n)).toThrow(InvalidArgumentError);
    expect(() => wasm.trainEpochs(data, weights, 1, new Float64Array(1))).toThrow(
      /batch of 100 rows exceeds this trainer.s maxBatch of 50/,
    );
    wasm.preparePrior(other, priorNetwork);
    expect(wasm.loss(other, weights)).toBeGreaterThan(0);
  });

  it("reports GELU as unsupported instead of training it", () => {
    const spec = resolveEnsembleSpec({ trainable: { activation: "gelu" } });
    expect(WasmMemberTrainer.unsupportedReason(spec)).toMatch(/gelu/);
    expect(WasmMemberTrainer.unsupportedReason(resolveEnsembleSpec({}))).toBeNull();
    const params = initEnsembleParams(spec);
    expect(() => new WasmMemberTrainer(spec, params.trainable, params.prior, 10)).toThrow(UnsupportedError);
  });
});
