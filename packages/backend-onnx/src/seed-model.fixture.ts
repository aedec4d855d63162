import { matrixBackend } from "@rpf/backend-matrix";
import {
  Ensemble,
  type ModelData,
  makeToyData,
  NOTEBOOK_DATA,
  NOTEBOOK_ENSEMBLE,
  notebookGrid,
  notebookRunSpec,
} from "@rpf/core";
import { registerBackend } from "@rpf/core/backend";

/** The notebook's seed ensemble (9 members, β = 3, 3000 epochs), trained on backend-matrix. */
export async function trainedSeedModel(
  options: { standardize?: "none" | "xy" } = {},
): Promise<{ model: ModelData; grid: Float32Array; matrixPrediction: Awaited<ReturnType<Ensemble["predict"]>> }> {
  registerBackend(matrixBackend, { priority: 10 });
  const ensemble = await Ensemble.create(
    { ...notebookRunSpec(NOTEBOOK_ENSEMBLE), standardize: options.standardize ?? "none" },
    { backend: "matrix" },
  );
  await ensemble.fit(makeToyData({ seed: NOTEBOOK_DATA.seed, n: NOTEBOOK_DATA.points }));
  const grid = notebookGrid();
  const matrixPrediction = await ensemble.predict(grid);
  const model = await ensemble.toModel();
  await ensemble.dispose();
  return { model, grid, matrixPrediction };
}
