import { Ensemble, type ModelData, type Prediction } from "@rpf/core";

/**
 * The prediction of a saved model at x [n, inputSize]: opens the ensemble on `backend` (whose
 * packages must already be registered), predicts, and frees the backend's memory again. Where an
 * explicit backend had to pass over a device, says which it chose on stderr, unless `quiet`.
 */
export async function predictWithModel(
  model: ModelData,
  x: Float32Array,
  options: { readonly backend: string; readonly quiet?: boolean | undefined },
): Promise<Prediction> {
  const ensemble = await Ensemble.fromModel(model, { backend: options.backend });
  // Said for an explicit backend whose device was left to auto; the default needs no remark.
  if (options.backend !== "auto" && ensemble.passedOver.length > 0 && !options.quiet) {
    const names = ensemble.passedOver.map((entry) => entry.split(" ")[0]);
    process.stderr.write(
      `rpf: --backend ${options.backend} chose ${ensemble.backend}:${ensemble.device} (unavailable here: ${names.join(", ")}; see rpf info)\n`,
    );
  }
  try {
    return await ensemble.predict(x);
  } finally {
    await ensemble.dispose();
  }
}
