import { availableParallelism } from "node:os";
import { join } from "node:path";
import {
  CLASSIFICATION_ABLATION,
  CLASSIFICATION_DATA,
  CLASSIFICATION_PLANE,
  CLASSIFICATION_RING,
  classificationExperimentData,
  classificationRunSpec,
  finiteJson,
  planeGrid,
  resolveEnsembleSpec,
  ringPoints,
} from "@rpf/core";
import Tinypool from "tinypool";
import { writeFileAtomically } from "../atomic-write.js";
import { classificationFigure } from "../figures/classification-specs.js";
import { writeStdout } from "../stdio.js";
import { classificationChecks } from "./classification-checks.js";
import type { ClassificationTask, ClassificationTaskResult } from "./classification-task.js";
import { QUICK_EPOCH_DIVISOR } from "./experiments.js";
import { saveFigure } from "./figures.js";
import type { ReproduceOptions } from "./options.js";

/**
 * `rpf reproduce classification`: the 2D prior × bootstrap ablation (core's CLASSIFICATION_ABLATION)
 * on each of the four 2D sets, trained on a pool of worker threads; one figure per set and
 * summary.json with each cell's mean mutual information on the data and on the far ring. The
 * summary holds no times, so the same seed and backend give the same bytes.
 */
export async function reproduceClassification(options: ReproduceOptions): Promise<void> {
  const started = performance.now();
  const log = (line: string) => {
    if (!options.json && !options.quiet) process.stderr.write(`${line}\n`);
  };
  const experiment = CLASSIFICATION_ABLATION;
  const quick = options.quick ?? false;
  const epochs = quick ? Math.round(experiment.epochs / QUICK_EPOCH_DIVISOR) : experiment.epochs;
  const { extent, count } = CLASSIFICATION_PLANE;
  const plane = planeGrid(extent, count);
  const ring = ringPoints(CLASSIFICATION_RING.radius, CLASSIFICATION_RING.points);
  const pool = new Tinypool({
    filename: new URL("./classification-task.js", import.meta.url).href,
    maxThreads: Math.max(1, availableParallelism()),
  });
  try {
    // Every cell of every set starts now; each figure waits only for its own set's cells.
    const sets = experiment.datasets.map((name) => {
      const data = classificationExperimentData(name);
      const cells = experiment.cells.map((cell) => {
        const task: ClassificationTask = {
          spec: resolveEnsembleSpec(classificationRunSpec(experiment, cell, epochs)),
          backend: options.backend,
          x: data.x,
          classIndex: data.classIndex,
          plane,
          ring,
        };
        return { cell, result: pool.run(task) as Promise<ClassificationTaskResult> };
      });
      return { name, data, cells };
    });
    const figures: string[] = [];
    const rows = [];
    for (const [index, set] of sets.entries()) {
      log(`[${index + 1}/${sets.length}] ${set.name}`);
      const cells = await Promise.all(set.cells.map(async ({ cell, result }) => ({ cell, result: await result })));
      for (const { cell, result } of cells) {
        log(
          `  ${cell.id}: ${experiment.members} × ${epochs} epochs in ${result.trainSeconds.toFixed(2)} s on ${result.backendName}:${result.device}; mean MI ${result.meanMiOnData.toFixed(4)} on the data, ${result.meanMiOnRing.toFixed(4)} on the ring`,
        );
        rows.push({
          dataset: set.name,
          cell: cell.id,
          prior: cell.priorScale > 0,
          bootstrap: cell.bootstrap === "resample",
          beta: cell.priorScale,
          meanMiOnData: result.meanMiOnData,
          meanMiOnRing: result.meanMiOnRing,
          trainingAccuracy: result.trainingAccuracy,
          meanFinalLoss: result.finalLosses.reduce((a, b) => a + b, 0) / result.finalLosses.length,
        });
      }
      const spec = classificationFigure({
        title: `${set.name}: ${experiment.name}`,
        plane,
        extent,
        count,
        x: set.data.x,
        classIndex: set.data.classIndex,
        ringRadius: CLASSIFICATION_RING.radius,
        panels: cells.map(({ cell, result }) => ({
          title: cell.figureTitle,
          probability: result.planeProbability,
          mutualInformation: result.planeMutualInformation,
        })),
      });
      figures.push(...(await saveFigure(options.out, `classification-${set.name}`, spec)));
    }
    const checks = classificationChecks(rows);
    const summary = {
      experiment: "classification",
      backend: options.backend,
      quick,
      data: { ...CLASSIFICATION_DATA, datasets: experiment.datasets },
      ensemble: {
        members: experiment.members,
        epochs,
        hiddenSizes: experiment.hiddenSizes,
        learningRate: experiment.learningRate,
      },
      plane: CLASSIFICATION_PLANE,
      regions: {
        onData: "the training points",
        ring: `${CLASSIFICATION_RING.points} points evenly spaced on the circle of radius ${CLASSIFICATION_RING.radius} around the origin`,
      },
      cells: rows,
      checks,
      figures,
    };
    await writeFileAtomically(join(options.out, "summary.json"), `${finiteJson(summary, 2)}\n`);
    const seconds = (performance.now() - started) / 1000;
    if (options.json) await writeStdout(`${finiteJson(summary)}\n`);
    else {
      for (const check of checks) log(`${check.pass ? "pass" : "FAIL"}: ${check.name} — ${check.detail}`);
      await writeStdout(
        `reproduced the classification ablation (${rows.length} cells) in ${seconds.toFixed(1)} s: ${figures.length} figures and summary.json in ${options.out}\n`,
      );
    }
    const failed = checks.filter((c) => !c.pass);
    if (failed.length > 0)
      throw new Error(`${failed.length} behaviour check(s) failed: ${failed.map((c) => c.name).join("; ")}`);
  } finally {
    await pool.destroy();
  }
}
