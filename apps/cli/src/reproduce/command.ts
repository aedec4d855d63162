import { join } from "node:path";
import { finiteJson, makeToyData } from "@rpf/core";
import type { Command } from "commander";
import { writeFileAtomically } from "../atomic-write.js";
import {
  ablationFigure,
  betaSweepFigure,
  dataFigure,
  ensembleMembersFigure,
  singleModelFigure,
} from "../figures/figure-specs.js";
import { defineOption } from "../option-definition.js";
import { folderPath } from "../option-parsers.js";
import { writeStdout } from "../stdio.js";
import { behaviourChecks } from "./checks.js";
import { ExperimentRunner, NOTEBOOK } from "./experiments.js";
import { allMembers, memberCurves, saveFigure } from "./figures.js";
import { spreadSummary } from "./spread.js";

interface ReproduceOptions {
  out: string;
  quick?: boolean;
  backend: string;
  json?: boolean;
  quiet?: boolean;
}

const ABLATION_CELLS = [
  { cell: "prior and bootstrap", title: "Full model with priors and bootstrap", prior: true, bootstrap: true },
  { cell: "prior, no bootstrap", title: "No bootstrapping, but use of priors", prior: true, bootstrap: false },
  { cell: "bootstrap, no prior", title: "No priors, but use of bootstrapping", prior: false, bootstrap: true },
  { cell: "no prior, no bootstrap", title: "Both bootstrapping and priors turned off", prior: false, bootstrap: false },
] as const;

async function runReproduce(options: ReproduceOptions): Promise<void> {
  const started = performance.now();
  const log = (line: string) => {
    if (!options.json && !options.quiet) process.stderr.write(`${line}\n`);
  };
  const data = makeToyData({ seed: 0, n: 100 });
  const runner = new ExperimentRunner(
    ExperimentRunner.createContext(data, options.backend, options.quick ?? false, log),
  );
  const { grid } = ExperimentRunner.createContext(data, options.backend, false, log);
  const figures: string[] = [];
  const save = async (name: string, spec: Parameters<typeof saveFigure>[2]) =>
    figures.push(...(await saveFigure(options.out, name, spec)));

  // Every run starts now and trains in the pool; each figure waits only for the runs it draws.
  const singleRun = runner.run("single model", { ...NOTEBOOK.singleModel, bootstrap: false });
  const ensembleRun = runner.run("ensemble", { ...NOTEBOOK.ensemble, bootstrap: true });
  const sweepRuns = NOTEBOOK.betaSweep.betas.map((beta) => ({
    beta,
    run: runner.run(`beta ${beta}`, {
      members: NOTEBOOK.betaSweep.members,
      epochs: NOTEBOOK.betaSweep.epochs,
      beta,
      bootstrap: true,
    }),
  }));
  const ablationRuns = ABLATION_CELLS.map((cell) => ({
    ...cell,
    run: runner.run(cell.cell, {
      members: NOTEBOOK.ablation.members,
      epochs: NOTEBOOK.ablation.epochs,
      beta: cell.prior ? NOTEBOOK.ablation.beta : 0,
      bootstrap: cell.bootstrap,
    }),
  }));
  try {
    log("[1/5] the data");
    await save("1-data", dataFigure(data));

    log("[2/5] a single model with a randomized prior");
    const single = await singleRun;
    await save(
      "2-single-model",
      singleModelFigure(data, grid, memberCurves(single.prediction, 0), NOTEBOOK.singleModel.beta),
    );

    log("[3/5] a bootstrapped ensemble with randomized priors");
    const ensemble = await ensembleRun;
    await save(
      "3-ensemble-members",
      ensembleMembersFigure(
        data,
        grid,
        Array.from({ length: 8 }, (_, m) => memberCurves(ensemble.prediction, m)),
      ),
    );

    log("[4/5] the effect of beta");
    const sweep = await Promise.all(sweepRuns.map(async ({ beta, run }) => ({ beta, run: await run })));
    await save(
      "4-beta-sweep",
      betaSweepFigure(
        data,
        grid,
        sweep.map(({ beta, run }) => ({
          beta,
          mean: run.prediction.mean,
          std: run.prediction.std,
          members: allMembers(run.prediction),
        })),
      ),
    );

    log("[5/5] prior × bootstrap ablation");
    const ablation = await Promise.all(ablationRuns.map(async (cell) => ({ ...cell, run: await cell.run })));
    await save(
      "5-prior-bootstrap-ablation",
      ablationFigure(
        data,
        grid,
        ablation.map(({ title, run }) => ({ title, mean: run.prediction.mean, std: run.prediction.std })),
      ),
    );

    const ensembleSpread = spreadSummary(grid, ensemble.prediction);
    const sweepSpread = sweep.map(({ beta, run }) => ({ beta, ...spreadSummary(grid, run.prediction) }));
    const ablationSpread = ablation.map(({ cell, prior, bootstrap, run }) => ({
      cell,
      prior,
      bootstrap,
      beta: prior ? NOTEBOOK.ablation.beta : 0,
      reused: run.reused,
      ...spreadSummary(grid, run.prediction),
    }));
    const checks = behaviourChecks(ensembleSpread, sweepSpread, ablationSpread);
    const summary = {
      backend: options.backend,
      quick: options.quick ?? false,
      data: { points: data.n, seed: 0, grid: NOTEBOOK.grid },
      regions: { insideData: "0 <= x <= 0.5", farFromData: "|x| > 2" },
      singleModel: {
        beta: NOTEBOOK.singleModel.beta,
        epochs: single.epochs,
        trainingMse: single.trainingMse[0],
        finalLoss: single.finalLosses[0],
        trainSeconds: single.trainSeconds,
      },
      ensemble: {
        beta: NOTEBOOK.ensemble.beta,
        members: NOTEBOOK.ensemble.members,
        epochs: ensemble.epochs,
        ...ensembleSpread,
        farOverInside: ensembleSpread.stdFarFromData / ensembleSpread.stdInsideData,
        finalLossPerMember: ensemble.finalLosses,
        trainingMsePerMember: ensemble.trainingMse,
        trainSeconds: ensemble.trainSeconds,
      },
      betaSweep: sweepSpread,
      ablation: ablationSpread,
      checks,
      totalSeconds: (performance.now() - started) / 1000,
      figures,
    };
    await writeFileAtomically(join(options.out, "summary.json"), `${finiteJson(summary, 2)}\n`);
    const failed = checks.filter((c) => !c.pass);
    if (options.json) await writeStdout(`${finiteJson(summary)}\n`);
    else {
      for (const check of checks) log(`${check.pass ? "pass" : "FAIL"}: ${check.name} — ${check.detail}`);
      await writeStdout(
        `reproduced 5 experiments in ${summary.totalSeconds.toFixed(1)} s: ${figures.length} figures and summary.json in ${options.out}\n`,
      );
    }
    if (failed.length > 0)
      throw new Error(`${failed.length} behaviour check(s) failed: ${failed.map((c) => c.name).join("; ")}`);
  } finally {
    await runner.close();
  }
}

/** Adds `rpf reproduce`'s options and action to `command`. */
export function defineReproduceCommand(command: Command): void {
  command
    .addOption(
      defineOption("-o, --out <dir>", "folder for the figures and summary.json", {
        parse: folderPath,
        default: "figures",
      }),
    )
    .option("--quick", "a fifth of the notebook's epochs (for a fast look)")
    .addOption(defineOption("--backend <name[:device]>", "compute backend, see `rpf info`", { default: "auto" }))
    .option("--json", "print the summary as JSON on stdout")
    .option("-q, --quiet", "no progress or checks on stderr")
    .action((options: ReproduceOptions) => runReproduce(options));
}
