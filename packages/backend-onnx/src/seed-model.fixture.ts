import { matrixBackend } from "@rpf/backend-matrix";
import { Ensemble, linspace, type ModelData, makeToyData } from "@rpf/core";
import { registerBackend } from "@rpf/core/backend";

/** The notebook's seed ensemble (9 members, β = 3, 3000 epochs), trained on backend-matrix. */
export async function trainedSeedModel(
  options: { standardize?: "none" | "xy" } = {},
): Promise<{ model: ModelData; grid: Float32Array; matrixPrediction: Awaited<ReturnType<Ensemble["predict"]>> }> {
  registerBackend(matrixBackend, { priority: 10 });
  const ensemble = await Ensemble.create(
    { members: 9, priorScale: 3, epochs: 3000, seed: 0, standardize: options.standardize ?? "none" },
    { backend: "matrix" },
  );
  await ensemble.fit(makeToyData({ seed: 0 }));
  const grid = linspace(-5, 5, 1000);
  const matrixPrediction = await ensemble.predict(grid);
  const model = await ensemble.toModel();
  await ensemble.dispose();
  return { model, grid, matrixPrediction };
}
