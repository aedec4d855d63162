import { mkdtempSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { renderSvg } from "@rpf/cli/figures";
import { runWheelExperiment, WHEEL_AGENT, WHEEL_EPSILON, WHEEL_RUNS } from "@rpf/decisions";
import { banditFigureSpec } from "./bandit-figure.js";
import { probeWheel } from "./bandit-probe.js";
import { type BanditReport, renderBanditMarkdown } from "./bandit-report.js";
import { tuneWheel } from "./bandit-tune.js";
import { describeMachine } from "./machine.js";
import { REPO_ROOT } from "./workloads.js";
import { writeAtomically } from "./write-atomically.js";

/**
 * `pnpm bench:bandit`: the wheel bandit (decisions package) for every δ, agent and seed; writes
 * docs/wheel-bandit.md, docs/wheel-bandit.json and docs/figures/wheel-bandit.svg (or into --out).
 * `--quick`: a smoke run of a few steps into a temporary folder. `--render FILE`: no runs; the
 * Markdown and the figure again from a stored wheel-bandit.json. `--tune`: chooses β and ε on the
 * tuning seeds (bandit-tune.ts) and writes docs/wheel-bandit-tuning.md instead. `--probe`: probes
 * the ensembles in the outer ring (bandit-probe.ts) and writes docs/wheel-bandit-probe.md instead. `--deltas
 * 0.9,0.95,0.99`: only those δ (default: all of WHEEL_DELTAS).
 */
const quick = process.argv.includes("--quick");
const outIndex = process.argv.indexOf("--out");
const out = resolve(
  outIndex >= 0 ? process.argv[outIndex + 1]! : quick ? mkdtempSync(join(tmpdir(), "rpf-bandit-")) : `${REPO_ROOT}docs`,
);
const renderIndex = process.argv.indexOf("--render");
const stored = renderIndex >= 0 ? process.argv[renderIndex + 1] : undefined;
const deltasIndex = process.argv.indexOf("--deltas");
const deltas = deltasIndex >= 0 ? process.argv[deltasIndex + 1]!.split(",").map(Number) : undefined;

async function measure(): Promise<BanditReport> {
  const plan = quick ? WHEEL_RUNS.quick : WHEEL_RUNS.full;
  const loadBefore = loadavg()[0]!;
  const started = performance.now();
  const runs = await runWheelExperiment({
    steps: plan.steps,
    seeds: plan.seeds,
    ...(deltas ? { deltas } : {}),
    onRun: (run) =>
      process.stderr.write(
        `δ=${run.delta} seed ${run.seed} ${run.agent}: ${run.normalisedRegret.toFixed(3)} (${run.seconds.toFixed(1)} s)\n`,
      ),
  });
  return {
    date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    machine: describeMachine(),
    load: [loadBefore, loadavg()[0]!],
    steps: plan.steps,
    seeds: plan.seeds,
    setup: { ...WHEEL_AGENT, epsilon: WHEEL_EPSILON },
    runs,
    seconds: (performance.now() - started) / 1000,
  };
}

if (process.argv.includes("--tune")) {
  const plan = quick ? WHEEL_RUNS.quick : WHEEL_RUNS.full;
  writeAtomically(join(out, "wheel-bandit-tuning.md"), await tuneWheel(plan.steps));
  process.stdout.write(`wrote ${out}/wheel-bandit-tuning.md\n`);
  process.exit(0);
}

if (process.argv.includes("--probe")) {
  const plan = quick ? WHEEL_RUNS.quick : WHEEL_RUNS.full;
  writeAtomically(join(out, "wheel-bandit-probe.md"), await probeWheel(plan.steps, plan.seeds));
  process.stdout.write(`wrote ${out}/wheel-bandit-probe.md\n`);
  process.exit(0);
}

const report: BanditReport = stored ? (JSON.parse(readFileSync(stored, "utf8")) as BanditReport) : await measure();
if (!stored) writeAtomically(join(out, "wheel-bandit.json"), `${JSON.stringify(report, null, 2)}\n`);
writeAtomically(join(out, "figures", "wheel-bandit.svg"), await renderSvg(banditFigureSpec(report)));
writeAtomically(join(out, "wheel-bandit.md"), renderBanditMarkdown(report, "figures/wheel-bandit.svg"));
process.stdout.write(`${report.runs.length} runs in ${report.seconds.toFixed(0)} s; wrote ${out}/wheel-bandit.md\n`);
