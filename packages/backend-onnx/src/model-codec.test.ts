import {
  identityStandardizer,
  type ModelData,
  ModelFormatError,
  readModel,
  registerOnnxModelCodec,
  resolveEnsembleSpec,
  writeModel,
} from "@rpf/core";
import { initEnsembleParams } from "@rpf/core/backend";
import { describe, expect, it } from "vitest";
import { onnxModelCodec } from "./model-codec.js";

const spec = resolveEnsembleSpec({ members: 3, seed: 2 });
const model: ModelData = {
  spec,
  params: initEnsembleParams(spec),
  standardizer: identityStandardizer(1, 1),
  training: null,
};

describe("onnxModelCodec through core's readModel and writeModel", () => {
  registerOnnxModelCodec(onnxModelCodec);

  it("writes an ONNX file that reads back as the same model, and as ONNX by its bytes alone", async () => {
    const bytes = await writeModel(model, "onnx");
    const back = await readModel(bytes, { source: "saved.json" });
    expect(back.spec).toEqual(model.spec);
    expect(back.params.trainable).toEqual(model.params.trainable);
    expect(back.params.prior).toEqual(model.params.prior);
  });

  it("a truncated ONNX file is named as truncated, with the file's name in front", async () => {
    const bytes = await writeModel(model, "onnx");
    const attempt = readModel(bytes.subarray(0, bytes.length - 40), { source: "cut.onnx" });
    await expect(attempt).rejects.toBeInstanceOf(ModelFormatError);
    await expect(attempt).rejects.toThrow(
      "cut.onnx: starts like an ONNX file but does not parse as one: it is truncated or corrupted",
    );
  });

  it("passes the ONNX output choices through", async () => {
    const full = await writeModel(model, "onnx");
    const lean = await writeModel(model, "onnx", { components: false, summary: false });
    expect(lean.length).toBeLessThan(full.length);
  });
});
