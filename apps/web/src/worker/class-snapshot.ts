import type { Ensemble } from "@rpf/core";
import { testScores } from "../classification/test-scores.js";
import type { ClassSnapshot, TestPoints } from "./protocol.js";
import type { GridSnapshot } from "./train-posting-progress.js";

/**
 * The snapshot of a classification run: core's class summary on the grid (the heatmaps) and on the
 * held-out points (their accuracy and loss), with the grid prediction's time in the worker.
 */
export function classSnapshot(
  ensemble: Ensemble,
  grid: Float32Array,
  test: TestPoints | undefined,
): () => Promise<GridSnapshot> {
  return async () => {
    const started = performance.now();
    const onGrid = await ensemble.predictClasses(grid);
    const predictMs = performance.now() - started;
    const held = test && test.classIndex.length > 0 ? await ensemble.predictClasses(test.x) : null;
    const classes: ClassSnapshot = {
      classCount: onGrid.classCount,
      probabilities: onGrid.probabilities,
      mutualInformation: onGrid.mutualInformation,
      test: held && test ? testScores(held.probabilities, held.classCount, test.classIndex) : null,
      predictMs,
    };
    return { prediction: null, classes };
  };
}
