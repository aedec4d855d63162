import {
  createDataset,
  Ensemble,
  type EnsembleSpecInput,
  evaluateClasses,
  fitStandardizer,
  oneHot,
  resolveEnsembleSpec,
} from "@rpf/core";
import { uciSplit } from "@rpf/datasets";
import { auroc } from "./classify-auroc.js";
import { shiftFar } from "./classify-ood.js";
import type { ClassifyScore } from "./classify-report.js";
import type { ClassTable } from "./classify-table.js";

/** The fraction of rows each classification split holds out for testing (80/20). */
export const CLASSIFY_TEST_FRACTION = 0.2;

function pick(table: ClassTable, rows: Uint32Array): { x: Float32Array; classIndex: Int32Array } {
  const x = new Float32Array(rows.length * table.width);
  rows.forEach((row, i) => {
    x.set(table.x.subarray(row * table.width, (row + 1) * table.width), i * table.width);
  });
  return { x, classIndex: Int32Array.from(rows, (row) => table.classIndex[row]!) };
}

/**
 * Split `seed` of `table` (uciSplit with a 0.2 test fraction: core's Threefry permutation keyed by
 * the seed), trained with `spec` seeded with the split's number through the library's public API on
 * backend `backend`; scored on the test rows with core's evaluateClasses, and for OOD by the AUROC
 * of mutual information on the shifted test rows (shiftFar) against the test rows.
 */
export async function scoreSplit(
  table: ClassTable,
  seed: number,
  spec: EnsembleSpecInput,
  backend: string,
): Promise<ClassifyScore> {
  const { train, test } = uciSplit(table.classIndex.length, seed, CLASSIFY_TEST_FRACTION);
  const training = pick(table, train);
  const testing = pick(table, test);
  const started = performance.now();
  const data = createDataset(
    training.x,
    oneHot(training.classIndex, table.classes.length),
    table.width,
    table.classes.length,
  );
  const ensemble = await Ensemble.create(
    resolveEnsembleSpec({ ...spec, inputSize: table.width, outputSize: table.classes.length, seed }),
    { backend },
  );
  try {
    await ensemble.fit(data);
    const inside = await ensemble.predictClasses(testing.x);
    const far = await ensemble.predictClasses(
      shiftFar(testing.x, fitStandardizer(data, "x", "none").xScale, table.width),
    );
    const seconds = (performance.now() - started) / 1000;
    const scores = evaluateClasses(inside, testing.classIndex);
    return {
      split: seed,
      accuracy: scores.accuracy,
      nll: scores.nll,
      ece: scores.ece,
      oodAuroc: auroc(far.mutualInformation, inside.mutualInformation),
      seconds,
    };
  } finally {
    await ensemble.dispose();
  }
}
