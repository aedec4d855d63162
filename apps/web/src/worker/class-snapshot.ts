import { type Ensemble, evaluateClasses } from "@rpf/core";
import type { ClassSnapshot, TestPoints, TestScores } from "./protocol.js";
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
    let scores: TestScores | null = null;
    if (test && test.classIndex.length > 0) {
      const scored = evaluateClasses(await ensemble.predictClasses(test.x), test.classIndex);
      scores = { accuracy: scored.accuracy, loss: scored.nll, count: scored.n };
    }
    const classes: ClassSnapshot = {
      classCount: onGrid.classCount,
      probabilities: onGrid.probabilities,
      mutualInformation: onGrid.mutualInformation,
      test: scores,
      predictMs,
    };
    return { prediction: null, classes };
  };
}
