import { describe, expect, it } from "vitest";
import { createDataset } from "../data/dataset.js";
import { fitStandardizer } from "../data/standardizer.js";
import { ModelFormatError } from "../errors.js";
import { initEnsembleParams, paramCounts } from "../members/params.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { fingerprintData, type TrainingCheckpoint } from "./checkpoint.js";
import { decodeCheckpoint, encodeCheckpoint } from "./checkpoint-file.js";
import { checksumOf } from "./file-checks.js";

function sampleCheckpoint(): TrainingCheckpoint {
  const spec = resolveEnsembleSpec({ members: 2, trainable: { hiddenSizes: [3] }, epochs: 10 });
  const data = createDataset([0, 1, 2], [1, 0, 1]);
  const size = spec.members * paramCounts(spec).trainable;
  // Values no float32 can hold, so a float32 round trip anywhere would show.
  const float64 = (shift: number) => Float64Array.from({ length: size }, (_, i) => Math.PI * (i + shift) * 1e-3);
  return {
    spec,
    prior: initEnsembleParams(spec).prior,
    state: { epoch: 4, step: 4, trainable: float64(1), slots: [float64(2), float64(3).map(Math.abs)] },
    standardizer: fitStandardizer(data, "x", "none"),
    targetEpochs: 10,
    lossHistory: Float32Array.from({ length: 8 }, (_, i) => 1 / (i + 1)),
    trainSeconds: 0.25,
    data: fingerprintData(data),
    meta: { data: "toy", points: 3 },
  };
}

/** Edits a field of an encoded checkpoint and re-seals it with a valid checksum. */
function edited(text: string, edit: (file: Record<string, unknown>) => void): string {
  const { checksum: _, ...body } = JSON.parse(text) as Record<string, unknown>;
  edit(body);
  return JSON.stringify({ ...body, checksum: checksumOf(body) });
}

describe("checkpoint file", () => {
  it("round-trips float64 state, history and metadata bit for bit", () => {
    const checkpoint = sampleCheckpoint();
    const back = decodeCheckpoint(encodeCheckpoint(checkpoint));
    expect(back).toEqual(checkpoint);
    expect(new BigUint64Array(back.state.slots[0]!.buffer)).toEqual(
      new BigUint64Array(checkpoint.state.slots[0]!.buffer),
    );
  });

  it("writes format version 2 and still reads version 1, written before heads existed, as the mse head", () => {
    const text = encodeCheckpoint(sampleCheckpoint());
    expect(JSON.parse(text).formatVersion).toBe(2);
    const v1 = edited(text, (f) => {
      f.formatVersion = 1;
      const spec = f.spec as Record<string, unknown>;
      for (const key of ["head", "varianceFloor", "weightDecay"]) delete spec[key];
      spec.loss = { kind: "mse" };
    });
    expect(decodeCheckpoint(v1)).toEqual(sampleCheckpoint());
    const gaussianV1 = edited(v1, (f) => void ((f.spec as Record<string, unknown>).head = "gaussian"));
    expect(() => decodeCheckpoint(gaussianV1)).toThrow(/format version 1 has only the mse head/);
  });

  it("writes a checkpoint with an input transform as version 3, and refuses one that says version 2", () => {
    const base = sampleCheckpoint();
    const spec = resolveEnsembleSpec({ ...base.spec, inputTransform: "yeo-johnson" });
    const data = createDataset([0, 1, 5, 2], [1, 0, 1, 1]);
    const checkpoint = { ...base, spec, standardizer: fitStandardizer(data, "x", "yeo-johnson") };
    const text = encodeCheckpoint(checkpoint);
    expect(JSON.parse(text).formatVersion).toBe(3);
    expect(decodeCheckpoint(text).standardizer).toEqual(checkpoint.standardizer);
    expect(() => decodeCheckpoint(edited(text, (f) => void (f.formatVersion = 2)))).toThrow(
      /inputTransform "yeo-johnson", which came with format version 3, but the file says version 2/,
    );
    const { xLambda: _, ...withoutLambda } = checkpoint.standardizer;
    expect(() => encodeCheckpoint({ ...checkpoint, standardizer: withoutLambda })).toThrow(
      /standardizer\.xLambda must be a list of 1 Yeo-Johnson λ/,
    );
  });

  it("refuses truncated, edited, newer and foreign files with a ModelFormatError", () => {
    const text = encodeCheckpoint(sampleCheckpoint());
    const cases: [string, RegExp][] = [
      [text.slice(0, text.length / 2), /not an rpf checkpoint \(not valid JSON; it may be truncated\)/],
      [text.replace('"epoch": 4', '"epoch": 5'), /checksum does not match/],
      [
        JSON.stringify({ ...JSON.parse(text), checksum: undefined }),
        /^the checkpoint's checksum field is missing; rpf writes one/,
      ],
      [edited(text, (f) => void (f.formatVersion = 4)), /format version 4; this rpf reads versions up to 3/],
      [edited(text, (f) => void (f.format = "rpf-model")), /not an rpf checkpoint \(format is "rpf-model"\)/],
      [edited(text, (f) => void (f.targetEpochs = 3)), /targetEpochs 3 is before its epoch 4/],
      [edited(text, (f) => void (f.state as { slots: unknown[] }).slots.pop()), /must hold 2 tensors for adam/],
      [
        edited(text, (f) => void (f.state as { epoch: number }).epoch++),
        /lossHistory must be float32 of shape \[5, 2\]/,
      ],
      [edited(text, (f) => void ((f.data as { sha256: string }).sha256 = "x")), /data.sha256 is not a sha256/],
      [edited(text, (f) => void (f.trainSeconds = -1)), /trainSeconds must be a finite number >= 0/],
      [
        edited(text, (f) => void ((f.standardizer as { yMean: number[] }).yMean = [3.5e38])),
        /standardizer\.yMean must be a list of 1 finite number within the float32 range \(±3\.4028235e38\)/,
      ],
    ];
    for (const [bad, message] of cases) {
      expect(() => decodeCheckpoint(bad)).toThrow(ModelFormatError);
      expect(() => decodeCheckpoint(bad)).toThrow(message);
    }
  });

  it("keeps a float64 weight that rounds to the largest float32 and refuses one that rounds to Infinity", () => {
    const checkpoint = sampleCheckpoint();
    checkpoint.state.trainable[3] = 3.4028235e38;
    expect(decodeCheckpoint(encodeCheckpoint(checkpoint)).state.trainable[3]).toBe(3.4028235e38);
    checkpoint.state.trainable[3] = 3.5e38;
    expect(() => decodeCheckpoint(encodeCheckpoint(checkpoint))).toThrow(
      "the checkpoint's state.trainable value 3 (3.5e+38) is not a finite float32 (±3.4028235e38); the model stores weights as float32",
    );
  });
});
