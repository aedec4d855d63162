import { mkdtempSync, readFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { renderSvg } from "@rpf/cli/figures";
import { scalingFigureSpec } from "./scaling-figure.js";
import type { TimingPlan } from "./scaling-measure.js";
import { renderScalingMarkdown, type ScalingReport } from "./scaling-report.js";
import { runScalingStudy } from "./scaling-run.js";
import { REPO_ROOT } from "./workloads.js";
import { writeAtomically } from "./write-atomically.js";

/**
 * The scaling study: seconds per epoch of backend-matrix training over members, points and width,
 * against the model cost ∝ members × points × width². Writes scaling.json, scaling.md and
 * figures/scaling.svg into docs/ (or --out). `--quick`: a smoke run into a temporary folder.
 * `--render FILE`: no measuring; the Markdown and the figure again from a stored scaling.json.
 */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const quick = process.argv.includes("--quick");
const stored = option("--render");
const out = resolve(option("--out") ?? (quick ? mkdtempSync(join(tmpdir(), "rpf-scaling-")) : `${REPO_ROOT}docs`));
// Fits of about 0.6 s sit inside the issue's 0.3–1 s even when the warm-up's estimate is off by
// half; the smoke run only checks that everything runs.
const plan: TimingPlan = quick ? { targetSeconds: 0.15, repeats: 3 } : { targetSeconds: 0.6, repeats: 3 };

const report: ScalingReport = stored
  ? (JSON.parse(readFileSync(stored, "utf8")) as ScalingReport)
  : await runScalingStudy(quick, availableParallelism(), plan);
if (!stored) writeAtomically(join(out, "scaling.json"), `${JSON.stringify(report, null, 2)}\n`);
writeAtomically(join(out, "figures", "scaling.svg"), await renderSvg(scalingFigureSpec(report)));
writeAtomically(join(out, "scaling.md"), renderScalingMarkdown(report, "figures/scaling.svg"));
process.stdout.write(
  `c = ${report.model.c.toPrecision(3)} s per unit; ${report.durationSeconds.toFixed(0)} s of measuring; wrote ${out}/scaling.md and ${out}/figures/scaling.svg${stored ? "" : ` and ${out}/scaling.json`}\n`,
);
