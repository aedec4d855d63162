import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { MAX_EPOCHS, MAX_MEMBERS } from "../spec/caps.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { DEFAULT_VARIANCE_FLOOR, headWidth, priorMlp, trainableMlp } from "./ensemble-spec.js";

describe("resolveEnsembleSpec defaults", () => {
  it("equal the seed notebook's ensemble experiment", () => {
    expect(resolveEnsembleSpec()).toEqual({
      members: 9,
      inputSize: 1,
      outputSize: 1,
      trainable: { hiddenSizes: [16, 16], activation: "elu", kernelInit: "glorot_normal" },
      prior: { hiddenSizes: [16, 16], activation: "elu", kernelInit: "glorot_normal" },
      priorScale: 3,
      bootstrap: { kind: "resample" },
      optimizer: { kind: "adam", learningRate: 0.03, b1: 0.9, b2: 0.999, eps: 1e-8, clipNorm: null },
      head: "mse",
      varianceFloor: 1e-6,
      varianceWeighting: 0,
      meanWarmup: 0,
      weightDecay: 0,
      epochs: 3000,
      batchSize: null,
      standardize: "none",
      inputTransform: "none",
      seed: 0,
    });
  });

  it("give the prior the trainable network's architecture unless it has its own", () => {
    const spec = resolveEnsembleSpec({ trainable: { hiddenSizes: [8], activation: "tanh" } });
    expect(spec.prior).toEqual({ hiddenSizes: [8], activation: "tanh", kernelInit: "glorot_normal" });
    const own = resolveEnsembleSpec({ prior: { hiddenSizes: [32, 32, 32] } });
    expect(own.prior.hiddenSizes).toEqual([32, 32, 32]);
    expect(own.trainable.hiddenSizes).toEqual([16, 16]);
  });

  it("keep a partial optimizer's other fields at optax's defaults", () => {
    expect(resolveEnsembleSpec({ optimizer: { learningRate: 0.1 } }).optimizer).toEqual({
      kind: "adam",
      learningRate: 0.1,
      b1: 0.9,
      b2: 0.999,
      eps: 1e-8,
      clipNorm: null,
    });
    expect(resolveEnsembleSpec({ optimizer: { kind: "sgd" } }).optimizer).toEqual({
      kind: "sgd",
      learningRate: 0.03,
      momentum: 0,
      clipNorm: null,
    });
  });

  it("take a gradient clipping norm > 0, or null for none", () => {
    expect(resolveEnsembleSpec({ optimizer: { clipNorm: 1.5 } }).optimizer.clipNorm).toBe(1.5);
    for (const clipNorm of [0, -1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(() => resolveEnsembleSpec({ optimizer: { clipNorm } })).toThrow(
        /optimizer.clipNorm must be a finite number > 0 \(or null: no clipping\)/,
      );
    }
  });

  it("judge real-valued fields by their float32 value: 3.4028235e38 is in, 3.5e38 is out", () => {
    const edge = 3.4028235e38;
    const spec = resolveEnsembleSpec({ priorScale: edge, optimizer: { learningRate: edge, clipNorm: edge } });
    expect([spec.priorScale, spec.optimizer.learningRate, spec.optimizer.clipNorm]).toEqual([edge, edge, edge]);
    expect(() => resolveEnsembleSpec({ priorScale: 3.5e38 })).toThrow(
      "priorScale must be within the float32 range (±3.4028235e38), got 3.5e+38",
    );
    expect(() => resolveEnsembleSpec({ optimizer: { learningRate: 1e39 } })).toThrow(
      "optimizer.learningRate must be within the float32 range (±3.4028235e38), got 1e+39",
    );
    expect(() => resolveEnsembleSpec({ optimizer: { kind: "adam", eps: 1e300 } })).toThrow(
      /optimizer\.eps must be within/,
    );
    expect(() => resolveEnsembleSpec({ optimizer: { clipNorm: 4e38 } })).toThrow(/optimizer\.clipNorm must be within/);
  });

  it("accept the boundary values", () => {
    const spec = resolveEnsembleSpec({
      members: MAX_MEMBERS,
      epochs: 0,
      priorScale: 0,
      batchSize: 1,
      seed: Number.MAX_SAFE_INTEGER,
      standardize: "xy",
      trainable: { hiddenSizes: [] },
    });
    expect(spec.members).toBe(MAX_MEMBERS);
    expect(spec.epochs).toBe(0);
    expect(spec.priorScale).toBe(0);
    expect(spec.trainable.hiddenSizes).toEqual([]);
  });

  it("is idempotent: resolving a resolved spec changes nothing", () => {
    const spec = resolveEnsembleSpec({ members: 3, bootstrap: { kind: "bernoulli", p: 0.3 }, seed: 12 });
    expect(resolveEnsembleSpec(spec)).toEqual(spec);
  });

  it("copies hiddenSizes, so later edits to the input do not reach the spec", () => {
    const hiddenSizes = [4, 4];
    const spec = resolveEnsembleSpec({ trainable: { hiddenSizes } });
    hiddenSizes.push(4);
    expect(spec.trainable.hiddenSizes).toEqual([4, 4]);
  });
});

describe("resolveEnsembleSpec validation", () => {
  // [label, input, field named in the error, a pattern for what is accepted]
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["members 0", { members: 0 }, "members", /integer from 1 to 1024, got 0/],
    ["negative members", { members: -2 }, "members", /integer from 1 to 1024, got -2/],
    ["fractional members", { members: 2.5 }, "members", /integer from 1 to 1024, got 2\.5/],
    ["NaN members", { members: Number.NaN }, "members", /integer from 1 to 1024, got NaN/],
    ["huge members", { members: 1e9 }, "members", /integer from 1 to 1024, got 1000000000/],
    ["string members", { members: "9" }, "members", /integer from 1 to 1024, got "9"/],
    ["inputSize 0", { inputSize: 0 }, "inputSize", /integer from 1 to 4096/],
    ["outputSize 1.5", { outputSize: 1.5 }, "outputSize", /integer from 1 to 4096/],
    ["unknown activation", { trainable: { activation: "swish" } }, "trainable.activation", /accepted: elu, relu/],
    ["unknown prior activation", { prior: { activation: "mish" } }, "prior.activation", /accepted: elu/],
    ["unknown kernel init", { trainable: { kernelInit: "ortho" } }, "trainable.kernelInit", /accepted: glorot_normal/],
    ["zero-width layer", { trainable: { hiddenSizes: [16, 0] } }, "trainable.hiddenSizes[1]", /from 1 to 4096/],
    [
      "hidden sizes not a list",
      { trainable: { hiddenSizes: 16 } },
      "trainable.hiddenSizes",
      /list of at most 16 layer widths/,
    ],
    ["too many hidden layers", { prior: { hiddenSizes: new Array(17).fill(2) } }, "prior.hiddenSizes", /at most 16/],
    ["unknown bootstrap kind", { bootstrap: { kind: "jackknife" } }, "bootstrap", /accepted: none, resample/],
    ["bootstrap as a bare string", { bootstrap: "resample" }, "bootstrap", /accepted: none, resample/],
    ["bernoulli p 0", { bootstrap: { kind: "bernoulli", p: 0 } }, "bootstrap", /\(0, 1\], got 0/],
    ["bernoulli p 1.5", { bootstrap: { kind: "bernoulli", p: 1.5 } }, "bootstrap", /\(0, 1\]/],
    ["learning rate 0", { optimizer: { learningRate: 0 } }, "optimizer.learningRate", /> 0, got 0/],
    ["negative learning rate", { optimizer: { learningRate: -0.1 } }, "optimizer.learningRate", /> 0/],
    ["infinite learning rate", { optimizer: { learningRate: Infinity } }, "optimizer.learningRate", /Infinity/],
    ["b1 = 1", { optimizer: { b1: 1 } }, "optimizer.b1", /in \[0, 1\)/],
    ["b2 < 0", { optimizer: { b2: -0.5 } }, "optimizer.b2", /in \[0, 1\)/],
    ["negative eps", { optimizer: { eps: -1 } }, "optimizer.eps", />= 0/],
    ["sgd momentum 1", { optimizer: { kind: "sgd", momentum: 1 } }, "optimizer.momentum", /in \[0, 1\)/],
    ["unknown optimizer", { optimizer: { kind: "rmsprop" } }, "optimizer.kind", /accepted: adam, sgd/],
    ["batchSize 0", { batchSize: 0 }, "batchSize", /integer from 1 to/],
    ["fractional batchSize", { batchSize: 3.5 }, "batchSize", /integer from 1 to/],
    ["negative epochs", { epochs: -1 }, "epochs", new RegExp(`integer from 0 to ${MAX_EPOCHS}`)],
    ["fractional epochs", { epochs: 10.5 }, "epochs", /integer from 0/],
    ["negative priorScale", { priorScale: -1 }, "priorScale", />= 0, got -1/],
    ["NaN priorScale", { priorScale: Number.NaN }, "priorScale", />= 0, got NaN/],
    ["unknown standardize", { standardize: "all" }, "standardize", /accepted: none, x, xy/],
    ["unknown loss", { loss: { kind: "nll" } }, "loss.kind", /only "mse" \(with head "mse"\) is accepted/],
    [
      "a loss beside the gaussian head",
      { head: "gaussian", loss: { kind: "mse" } },
      "loss.kind",
      /follows from the head/,
    ],
    ["unknown head", { head: "laplace" }, "head", /accepted: mse, gaussian/],
    ["variance floor 0", { varianceFloor: 0 }, "varianceFloor", /> 0, got 0/],
    ["negative variance floor", { varianceFloor: -1e-6 }, "varianceFloor", /> 0/],
    ["infinite variance floor", { varianceFloor: Infinity }, "varianceFloor", /finite number > 0/],
    ["β-NLL exponent above 1", { head: "gaussian", varianceWeighting: 1.5 }, "varianceWeighting", /in \[0, 1\]/],
    ["negative β-NLL exponent", { head: "gaussian", varianceWeighting: -0.5 }, "varianceWeighting", /in \[0, 1\]/],
    ["fractional mean warm-up", { head: "gaussian", meanWarmup: 2.5 }, "meanWarmup", /integer from 0 to/],
    ["negative mean warm-up", { head: "gaussian", meanWarmup: -1 }, "meanWarmup", /integer from 0 to/],
    ["negative weight decay", { weightDecay: -0.01 }, "weightDecay", />= 0, got -0.01/],
    ["NaN weight decay", { weightDecay: Number.NaN }, "weightDecay", />= 0, got NaN/],
    ["negative seed", { seed: -1 }, "seed", /integer from 0 to 9007199254740991, got -1/],
    ["fractional seed", { seed: 0.5 }, "seed", /integer from 0 to 9007199254740991, got 0\.5/],
    ["unsafe seed", { seed: 2 ** 53 }, "seed", /integer from 0 to 9007199254740991, got 9007199254740992/],
  ];

  it.each(cases)("rejects %s, naming the field and what is accepted", (_label, input, field, accepted) => {
    let caught: unknown;
    try {
      resolveEnsembleSpec(input as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    const error = caught as InvalidArgumentError;
    expect(error.details.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toMatch(accepted);
  });
});

describe("heads", () => {
  it("read a spec written before heads existed (loss: mse, no head) as the mse head without decay", () => {
    const spec = resolveEnsembleSpec({ loss: { kind: "mse" } });
    expect(spec).toMatchObject({ head: "mse", varianceFloor: DEFAULT_VARIANCE_FLOOR, weightDecay: 0 });
    expect(spec).not.toHaveProperty("loss");
  });

  it("give both networks a mean and a raw variance per output with the gaussian head", () => {
    const spec = resolveEnsembleSpec({ outputSize: 3, head: "gaussian", prior: { hiddenSizes: [4] } });
    expect(headWidth(spec)).toBe(6);
    expect(trainableMlp(spec).outputSize).toBe(6);
    expect(priorMlp(spec).outputSize).toBe(6);
    expect(headWidth(resolveEnsembleSpec({ outputSize: 3 }))).toBe(3);
  });
});

describe("trainableMlp / priorMlp", () => {
  it("build validated MLP specs from the ensemble spec", () => {
    const spec = resolveEnsembleSpec({ inputSize: 3, outputSize: 2, prior: { hiddenSizes: [5] } });
    expect(trainableMlp(spec)).toEqual({
      inputSize: 3,
      hiddenSizes: [16, 16],
      outputSize: 2,
      activation: "elu",
      kernelInit: "glorot_normal",
      biasInit: "zeros",
    });
    expect(priorMlp(spec).hiddenSizes).toEqual([5]);
  });
});
