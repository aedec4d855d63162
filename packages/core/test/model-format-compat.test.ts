import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  decodeModel,
  linspace,
  MODEL_FORMAT_VERSION,
  scaleVarianceY,
  scaleY,
  standardizeX,
  summarizeClasses,
  summarizeMembers,
  unstandardizeY,
} from "../src/index.js";
import { referencePredict } from "../src/testing/index.js";

/**
 * Model files written by earlier format versions, committed as fixtures with the predictions
 * their writer made. The reader must keep reading every version rpf has written.
 */
const FIXTURES = [
  // Written before heads and weight decay existed: read as the mse head without decay.
  { version: 1, head: "mse", model: "model-format-v1.json", predictions: "model-format-v1.predictions.json" },
  // `rpf train --head gaussian --members 3 --hidden 8,8 --epochs 200 --lr 0.01 --standardize xy
  //  --variance-floor 1e-4 --weight-decay 1e-3 --seed 3`, predicted with --backend matrix.
  { version: 2, head: "gaussian", model: "model-format-v2.json", predictions: "model-format-v2.predictions.json" },
  // `rpf train --head categorical --y-col kind --standardize x --members 3 --hidden 8,8 --epochs 200
  //  --lr 0.01 --beta 3 --seed 3` on 60 rows of x in [-3, 3] labelled low / mid / high, predicted
  // with --backend matrix --format json. Version 3 is written for categorical models only.
  { version: 3, head: "categorical", model: "model-format-v3.json", predictions: "model-format-v3.predictions.json" },
  // `rpf train --head gaussian --input-transform yeo-johnson --standardize xy --members 3 --hidden
  //  8,8 --epochs 200 --lr 0.01 --seed 3` on 60 rows of a right-skewed x in [-1, 6.4] (x = e^(2u) − 2
  //  for u evenly spaced in [0, 1], y = sin 2x plus a small wobble), predicted with --backend
  //  matrix --format json. Version 4 is written for models with an input transform only.
  { version: 4, head: "gaussian", model: "model-format-v4.json", predictions: "model-format-v4.predictions.json" },
] as const;

const read = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("model files of every format version rpf has written", () => {
  it("has a fixture for each version up to the current one", () => {
    expect(FIXTURES.map((f) => f.version)).toEqual(Array.from({ length: MODEL_FORMAT_VERSION }, (_, i) => i + 1));
  });

  it("reads format version 3 (a categorical model) with its classes and predicts what its writer predicted", () => {
    const decoded = decodeModel(read("model-format-v3.json"));
    expect(JSON.parse(read("model-format-v3.json")).formatVersion).toBe(3);
    expect(decoded.spec).toMatchObject({ head: "categorical", members: 3, outputSize: 3 });
    expect(decoded.classes).toEqual(["high", "low", "mid"]);
    expect(decoded.standardizer.xScale[0]).not.toBe(1);
    const expected = JSON.parse(read("model-format-v3.predictions.json")) as Record<
      "probabilities" | "entropy" | "aleatoric_entropy" | "mutual_information",
      number[]
    > & { label: string[] };
    const raw = referencePredict(decoded.spec, decoded.params, standardizeX(decoded.standardizer, linspace(-1, 1, 5)));
    const prediction = summarizeClasses(Float32Array.from(raw.members), 3, 3);
    for (const [i, value] of prediction.probabilities.entries())
      expect(value).toBeCloseTo(expected.probabilities[i]!, 6);
    for (const [key, values] of [
      ["entropy", prediction.entropy],
      ["aleatoric_entropy", prediction.aleatoricEntropy],
      ["mutual_information", prediction.mutualInformation],
    ] as const) {
      for (const [i, value] of values.entries()) expect(value).toBeCloseTo(expected[key][i]!, 6);
    }
    expect(Array.from(prediction.predictedClass, (k) => decoded.classes![k])).toEqual(expected.label);
  });

  it.each(FIXTURES.filter((f) => f.head !== "categorical"))(
    "reads format version $version ($head head) and predicts what its writer predicted",
    ({ version, head, model, predictions }) => {
      const decoded = decodeModel(read(model));
      expect(JSON.parse(read(model)).formatVersion).toBe(version);
      expect(decoded.spec.members).toBe(3);
      expect(decoded.spec.head).toBe(head);
      if (version === 1) expect(decoded.spec).toMatchObject({ varianceFloor: 1e-6, weightDecay: 0 });
      expect(decoded.spec.inputTransform).toBe(version === 4 ? "yeo-johnson" : "none");
      expect(decoded.standardizer.xLambda !== undefined).toBe(version === 4);
      expect(decoded.standardizer.xScale[0]).not.toBe(1);
      const expected = JSON.parse(read(predictions)) as Record<"x" | "mean" | "std", number[]> &
        Partial<Record<"aleatoric_std" | "epistemic_std", number[]>>;
      // Core's own float64 reference, so this test needs no backend.
      const raw = referencePredict(
        decoded.spec,
        decoded.params,
        standardizeX(decoded.standardizer, linspace(-1, 1, 5)),
      );
      const prediction = summarizeMembers(
        {
          members: unstandardizeY(decoded.standardizer, Float32Array.from(raw.members)),
          prior: scaleY(decoded.standardizer, Float32Array.from(raw.prior)),
          trainable: unstandardizeY(decoded.standardizer, Float32Array.from(raw.trainable)),
          ...(raw.variance ? { variance: scaleVarianceY(decoded.standardizer, Float32Array.from(raw.variance)) } : {}),
        },
        decoded.spec.members,
        decoded.spec.outputSize,
      );
      for (const [i, value] of prediction.mean.entries()) expect(value).toBeCloseTo(expected.mean[i]!, 6);
      for (const [i, value] of prediction.std.entries()) expect(value).toBeCloseTo(expected.std[i]!, 6);
      // The Gaussian model's writer also printed the two parts of std; an mse model's has none.
      expect(expected.aleatoric_std !== undefined).toBe(head === "gaussian");
      for (const [i, value] of prediction.aleatoricStd.entries()) {
        if (expected.aleatoric_std) expect(value).toBeCloseTo(expected.aleatoric_std[i]!, 6);
      }
      for (const [i, value] of prediction.epistemicStd.entries()) {
        if (expected.epistemic_std) expect(value).toBeCloseTo(expected.epistemic_std[i]!, 6);
      }
    },
  );
});
