import { matrixBackend } from "@rpf/backend-matrix";
import { Ensemble, linspace, makeToyData } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { onnxBackend } from "./index.js";

describe("Ensemble.update on onnx", () => {
  it("is refused with UnsupportedError (inference only) and changes nothing", async () => {
    const trained = await Ensemble.create({ members: 3, epochs: 20, seed: 2 }, { backend: matrixBackend });
    await trained.fit(makeToyData({ seed: 1, n: 30 }));
    const model = await trained.toModel();
    await trained.dispose();
    const ensemble = await Ensemble.fromModel(model, { backend: onnxBackend });
    const x = linspace(-1, 1, 9);
    const before = {
      params: await ensemble.params(),
      prediction: await ensemble.predict(x),
      training: ensemble.training,
    };
    await expect(ensemble.update(makeToyData({ seed: 5, n: 4 }), { epochs: 1 })).rejects.toMatchObject({
      name: "UnsupportedError",
      details: { field: "backend" },
    });
    expect(await ensemble.params()).toEqual(before.params);
    expect((await ensemble.predict(x)).mean).toEqual(before.prediction.mean);
    expect(ensemble.training).toBe(before.training);
    // Thompson sampling works here: one member, on its own graph (float32 kernels of another
    // shape may round the last bit differently).
    const one = await ensemble.predictMember(1, x);
    const expected = before.prediction.members.subarray(9, 18);
    one.mean.forEach((value, i) => {
      expect(Math.abs(value - expected[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected[i]!)));
    });
    await ensemble.dispose();
  }, 60_000);
});
