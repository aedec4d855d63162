import { type ClassPrediction, Ensemble, type ModelData, type Prediction } from "@rpf/core";

interface PredictOptions {
  readonly backend: string;
  readonly quiet?: boolean | undefined;
}

/**
 * Opens a saved model's ensemble on `backend` (whose packages must already be registered), runs
 * `use` on it, and frees the backend's memory again. Where an explicit backend had to pass over a
 * device, says which it chose on stderr, unless `quiet`.
 */
async function withEnsemble<T>(
  model: ModelData,
  options: PredictOptions,
  use: (e: Ensemble) => Promise<T>,
): Promise<T> {
  const ensemble = await Ensemble.fromModel(model, { backend: options.backend });
  // Said for an explicit backend whose device was left to auto; the default needs no remark.
  if (options.backend !== "auto" && ensemble.passedOver.length > 0 && !options.quiet) {
    const names = ensemble.passedOver.map((entry) => entry.split(" ")[0]);
    process.stderr.write(
      `rpf: --backend ${options.backend} chose ${ensemble.backend}:${ensemble.device} (unavailable here: ${names.join(", ")}; see rpf info)\n`,
    );
  }
  try {
    return await use(ensemble);
  } finally {
    await ensemble.dispose();
  }
}

/** The prediction of a saved regression model at x [n, inputSize] (Ensemble.predict). */
export function predictWithModel(model: ModelData, x: Float32Array, options: PredictOptions): Promise<Prediction> {
  return withEnsemble(model, options, (ensemble) => ensemble.predict(x));
}

/** The class prediction of a saved categorical model at x [n, inputSize] (Ensemble.predictClasses). */
export function predictClassesWithModel(
  model: ModelData,
  x: Float32Array,
  options: PredictOptions,
): Promise<ClassPrediction> {
  return withEnsemble(model, options, (ensemble) => ensemble.predictClasses(x));
}
