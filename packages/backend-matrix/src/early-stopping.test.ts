import { createDataset, Ensemble } from "@rpf/core";
import { foldIn, keyFromSeed, normal, uniform } from "@rpf/core/random";
import { describe, expect, it } from "vitest";
import { matrixBackend } from "./index.js";

/** 40 noisy points of sin(3x): a wide net at lr 0.03 fits the noise, and validation NLL climbs from about 0.7 (epoch 200) to 4.3. */
function noisySine() {
  const key = keyFromSeed(11);
  const x = uniform(foldIn(key, 1), 40, -1, 1);
  const noise = normal(foldIn(key, 2), 40);
  return createDataset(
    x,
    x.map((v, i) => Math.sin(3 * v) + 0.3 * noise[i]!),
  );
}

const spec = {
  members: 3,
  seed: 2,
  head: "gaussian" as const,
  standardize: "xy" as const,
  trainable: { hiddenSizes: [64, 64] },
  prior: { hiddenSizes: [64, 64] },
  priorScale: 1,
  optimizer: { kind: "adam" as const, learningRate: 0.03 },
  epochs: 1500,
};

describe("early stopping on matrix", () => {
  it("stops on a run that overfits, keeps the best epoch, and holds the weights of a plain run of that many epochs bit for bit", async () => {
    const data = noisySine();
    const stopped = await Ensemble.create(spec, { backend: matrixBackend });
    await stopped.fit(data, { validation: { fraction: 0.25, patience: 200 } });
    const report = stopped.training!.validation!;
    expect(report.bestEpoch).toBeLessThan(report.stoppedEpoch);
    expect(report.stoppedEpoch).toBeLessThan(spec.epochs);

    const full = await Ensemble.create(spec, { backend: matrixBackend });
    await full.fit(data, { validation: { fraction: 0.25 } });
    // Overfitting: the full run ends with a worse validation score than the kept epoch.
    expect(full.training!.validation!.score).toBeGreaterThan(report.score + 1);

    const plain = await Ensemble.create({ ...spec, epochs: report.bestEpoch }, { backend: matrixBackend });
    await plain.fit(data, { validation: { fraction: 0.25 } });
    const [a, b] = [await stopped.toModel(), await plain.toModel()];
    expect(a.params.trainable).toEqual(b.params.trainable);
    // The restored handle starts from the float32 weights a model file holds, the plain run's from
    // its float64 working weights: the final losses agree to float32 precision, not bit for bit.
    a.training!.finalLosses.forEach((loss, m) => {
      expect(Math.abs(loss - b.training!.finalLosses[m]!)).toBeLessThan(1e-6 * Math.abs(loss) + 1e-7);
    });
    expect(a.training!.meanLossHistory).toEqual(b.training!.meanLossHistory);
    expect(plain.training!.validation!.score).toBe(report.score);
    await Promise.all([stopped.dispose(), full.dispose(), plain.dispose()]);
  }, 120_000);
});
