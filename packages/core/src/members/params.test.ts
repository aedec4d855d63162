import { describe, expect, it } from "vitest";
import { ShapeError } from "../errors.js";
import { trainableMlp } from "../nn/ensemble-spec.js";
import { initMlpParams } from "../nn/mlp.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { memberKey } from "./keys.js";
import { initEnsembleParams, paramCounts, validateEnsembleParams } from "./params.js";

describe("paramCounts", () => {
  it("counts the notebook network (321) for both nets, and a prior with its own architecture", () => {
    expect(paramCounts(resolveEnsembleSpec())).toEqual({ trainable: 321, prior: 321 });
    // 1→4→1: 4 + 4 + 4 + 1 = 13.
    expect(paramCounts(resolveEnsembleSpec({ prior: { hiddenSizes: [4] } }))).toEqual({ trainable: 321, prior: 13 });
  });
});

describe("initEnsembleParams", () => {
  it("stacks every member's parameters on a leading axis", () => {
    const params = initEnsembleParams(resolveEnsembleSpec());
    expect(params.trainable.length).toBe(9 * 321);
    expect(params.prior.length).toBe(9 * 321);
  });

  it("is deterministic for a seed and changes with the seed", () => {
    const a = initEnsembleParams(resolveEnsembleSpec({ members: 3, seed: 1 }));
    expect(initEnsembleParams(resolveEnsembleSpec({ members: 3, seed: 1 }))).toEqual(a);
    const b = initEnsembleParams(resolveEnsembleSpec({ members: 3, seed: 2 }));
    expect(b.trainable).not.toEqual(a.trainable);
    expect(b.prior).not.toEqual(a.prior);
  });

  it("gives member i the same parameters whatever the number of members", () => {
    const small = initEnsembleParams(resolveEnsembleSpec({ members: 3 }));
    const large = initEnsembleParams(resolveEnsembleSpec({ members: 9 }));
    expect(large.trainable.subarray(0, 3 * 321)).toEqual(small.trainable);
    expect(large.prior.subarray(0, 3 * 321)).toEqual(small.prior);
  });

  it("draws member m's trainable net from key(seed, trainableInit, m)", () => {
    const spec = resolveEnsembleSpec({ members: 4, seed: 9 });
    const params = initEnsembleParams(spec);
    expect(params.trainable.subarray(2 * 321, 3 * 321)).toEqual(
      initMlpParams(trainableMlp(spec), memberKey(9, "trainableInit", 2)),
    );
  });

  it("gives every member, and the prior and trainable nets, different weights", () => {
    const params = initEnsembleParams(resolveEnsembleSpec({ members: 4 }));
    const rows = new Set<string>();
    for (const part of [params.trainable, params.prior]) {
      for (let m = 0; m < 4; m++) rows.add(Array.from(part.subarray(m * 321, (m + 1) * 321)).join(","));
    }
    expect(rows.size).toBe(8);
  });
});

describe("validateEnsembleParams", () => {
  const spec = resolveEnsembleSpec({ members: 2 });

  it("accepts parameters of the right length", () => {
    expect(() => validateEnsembleParams(spec, initEnsembleParams(spec))).not.toThrow();
  });

  it("rejects a wrong length, naming the part and the expected count", () => {
    const params = initEnsembleParams(spec);
    expect(() => validateEnsembleParams(spec, { ...params, prior: params.prior.subarray(1) })).toThrow(ShapeError);
    expect(() => validateEnsembleParams(spec, { ...params, prior: params.prior.subarray(1) })).toThrow(
      /prior parameters must be a Float32Array of 642 values \(2 members × 321\), got 641/,
    );
  });

  it("rejects plain arrays and non-finite values", () => {
    const params = initEnsembleParams(spec);
    const plain = { ...params, trainable: Array.from(params.trainable) as unknown as Float32Array };
    expect(() => validateEnsembleParams(spec, plain)).toThrow(ShapeError);
    const withNaN = params.trainable.slice();
    withNaN[17] = Number.NaN;
    expect(() => validateEnsembleParams(spec, { ...params, trainable: withNaN })).toThrow(
      /trainable parameter 17 is not finite/,
    );
  });
});
