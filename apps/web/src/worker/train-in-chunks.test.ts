import { registerMatrixBackend } from "@rpf/backend-matrix";
import { createDataset, Ensemble, makeToyData } from "@rpf/core";
import { beforeAll, describe, expect, it } from "vitest";
import type { LossPoints } from "./protocol.js";
import { trainInChunks } from "./train-in-chunks.js";

function expectWholeCurve(curve: LossPoints, lastEpoch: number): void {
  expect(curve.epochs[0]).toBe(1);
  expect(curve.epochs.at(-1)).toBe(lastEpoch);
  expect(curve.values).toHaveLength(curve.epochs.length);
  for (let i = 1; i < curve.epochs.length; i++) expect(curve.epochs[i]!).toBeGreaterThan(curve.epochs[i - 1]!);
  expect(curve.values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
}

describe("trainInChunks' loss curve", () => {
  beforeAll(() => registerMatrixBackend());

  it("reports one curve from epoch 1 to the latest epoch at every chunk, never the history twice", async () => {
    const toy = makeToyData({ seed: 0 });
    const ensemble = await Ensemble.create({ members: 3, epochs: 600, seed: 1 }, { backend: "matrix" });
    const reports: { epoch: number; loss: LossPoints }[] = [];
    const result = await trainInChunks(
      ensemble,
      createDataset(toy.x, toy.y),
      600,
      new AbortController().signal,
      async ({ epoch, loss }) => {
        reports.push({ epoch, loss });
      },
    );
    // The first chunk is one epoch (to measure), so this run has several.
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) expectWholeCurve(report.loss, report.epoch);
    expect(result.outcome).toBe("done");
    expectWholeCurve(result.loss, 600);
    // Thinned to the report's few hundred points, plus the latest epoch.
    expect(result.loss.epochs.length).toBeLessThanOrEqual(201);
    // The last point is the last epoch's mean loss, which the ensemble's report ends near.
    const report = ensemble.training!;
    expect(result.loss.values.at(-1)!).toBeLessThan(result.loss.values[0]!);
    expect(result.loss.values[0]).toBeCloseTo(report.meanLossHistory[0]!, 6);
    await ensemble.dispose();
  });
});
