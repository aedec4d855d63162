import { YEO_JOHNSON_LAMBDA_RANGE, YEO_JOHNSON_MIN_DISTINCT } from "@rpf/core";
import type { MachineInfo } from "./machine.js";
import { TUNING_SPLITS } from "./uq-options.js";
import type { MeanStd, ScoreSummary } from "./uq-summary.js";

/** One data set's results in one `pnpm bench:uq` run. */
export interface DatasetResult {
  readonly name: string;
  readonly source: string;
  readonly license: string;
  readonly rows: number;
  readonly dropped: number;
  readonly inputs: number;
  readonly target: string;
  /** Per model ("rpf", "pytorch"): its scores over the splits. */
  readonly models: Readonly<Record<string, ScoreSummary>>;
}

export interface UqReport {
  readonly date: string;
  readonly machine: MachineInfo;
  /** Load averages (1 minute) before and after the run: the machine is shared. */
  readonly load: readonly [number, number];
  readonly splits: number;
  /** The preset as flags: "--head gaussian --standardize xy …". */
  readonly preset: string;
  /** Why the peer is missing, when it is. */
  readonly peerMissing: string | null;
  readonly datasets: readonly DatasetResult[];
}

/** A published row: a method's mean (± spread where the paper gives it) for one data set. */
interface PublishedRow {
  readonly method: string;
  readonly rmse?: string;
  readonly nll: string;
}

/** Published Boston housing rows (each paper's own random splits, not ours). */
const PUBLISHED: Readonly<Record<string, readonly PublishedRow[]>> = {
  boston: [
    { method: "Deep Ensembles (Lakshminarayanan et al. 2017, Table 1)", rmse: "3.28 ± 1.00", nll: "2.41 ± 0.25" },
    { method: "PBP (Hernández-Lobato & Adams 2015)", nll: "2.57" },
    { method: "MC dropout (Gal & Ghahramani 2016)", nll: "2.46" },
    { method: "Deep evidential regression (Amini et al. 2020)", nll: "2.35" },
    { method: "NGBoost (Duan et al. 2020)", nll: "2.43" },
  ],
};

/** The targets for Boston's means over the 20 splits. */
const BOSTON_TARGETS = { nll: 2.45, nllStretch: 2.35, rmse: 3.3, coverage: [0.93, 0.97], seconds: 120 } as const;

/** The floor on the mean coverage of conformal 95% intervals: the level less 0.02. */
const CONFORMAL_FLOOR = 0.93;

export const SECTION_START = "<!-- bench:uq:start (written by pnpm bench:uq; edits here are overwritten) -->";
export const SECTION_END = "<!-- bench:uq:end -->";

/** The second rpf arm: the preset with a split-conformal calibration on 10% of the training rows. */
export const CONFORMAL_MODEL = "rpf-conformal";
export const CONFORMAL_FLAGS = ["--validation", "0.1", "--calibrate", "conformal"] as const;

const MODEL_NAMES: Readonly<Record<string, string>> = {
  rpf: "rpf `--preset tabular` (this run)",
  [CONFORMAL_MODEL]: `rpf \`--preset tabular ${CONFORMAL_FLAGS.join(" ")}\` (this run)`,
  pytorch: "PyTorch peer (this run)",
};

const show = (value: MeanStd, digits: number) => `${value.mean.toFixed(digits)} ± ${value.std.toFixed(digits)}`;

function datasetTable(result: DatasetResult): string[] {
  const lines = [
    "| model | RMSE | NLL | CRPS | coverage 95% | width 95% | wall s |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const [model, s] of Object.entries(result.models)) {
    lines.push(
      `| ${MODEL_NAMES[model] ?? model} | ${show(s.rmse, 2)} | ${show(s.nll, 2)} | ${show(s.crps, 2)} | ${show(s.coverage95, 3)} | ${show(s.width95, 2)} | ${s.totalSeconds.toFixed(1)} |`,
    );
  }
  for (const row of PUBLISHED[result.name] ?? []) {
    lines.push(`| ${row.method} | ${row.rmse ?? "—"} | ${row.nll} | — | — | — | — |`);
  }
  return lines;
}

const verdict = (met: boolean) => (met ? "met" : "missed");

function targetLines(report: UqReport): string[] {
  const lines: string[] = [];
  const boston = report.datasets.find((d) => d.name === "boston")?.models.rpf;
  if (boston && report.splits === 20) {
    const t = BOSTON_TARGETS;
    const nll = boston.nll.mean;
    const coverage = boston.coverage95.mean;
    lines.push(
      `- Boston NLL ≤ ${t.nll}: ${nll.toFixed(2)}, ${verdict(nll <= t.nll)} (stretch ≤ ${t.nllStretch}: ${verdict(nll <= t.nllStretch)}).`,
      `- Boston RMSE ≤ ${t.rmse}: ${boston.rmse.mean.toFixed(2)}, ${verdict(boston.rmse.mean <= t.rmse)}.`,
      `- Boston coverage of 95% intervals in ${t.coverage[0]}–${t.coverage[1]}: ${coverage.toFixed(3)}, ${verdict(coverage >= t.coverage[0] && coverage <= t.coverage[1])}.`,
      `- rpf's 20 Boston splits under ${t.seconds} s: ${boston.totalSeconds.toFixed(1)} s, ${verdict(boston.totalSeconds < t.seconds)} (training and prediction through the CLI's entry point in one process; node's start-up not counted).`,
    );
  }
  for (const result of report.datasets) {
    const rpf = result.models.rpf;
    const conformal = result.models[CONFORMAL_MODEL];
    if (conformal && report.splits === 20) {
      const coverage = conformal.coverage95.mean;
      lines.push(
        `- ${result.name}: coverage of rpf's conformal 95% intervals ≥ ${CONFORMAL_FLOOR} (level − 0.02): ${coverage.toFixed(3)}, ${verdict(coverage >= CONFORMAL_FLOOR)}.`,
      );
    }
    const peer = result.models.pytorch;
    if (!rpf || !peer) continue;
    lines.push(
      `- ${result.name}: rpf's NLL ≤ the peer's: ${rpf.nll.mean.toFixed(3)} vs ${peer.nll.mean.toFixed(3)}, ${verdict(rpf.nll.mean <= peer.nll.mean)}.`,
    );
  }
  return lines;
}

/**
 * The "## Benchmark: UCI regression" section of docs/uncertainty.md, between SECTION_START and
 * SECTION_END: the protocol (enough to redo it), one table per data set with the published rows
 * beside ours, the targets and the machine.
 */
export function renderUqSection(report: UqReport): string {
  const m = report.machine;
  const lines = [
    SECTION_START,
    "## Benchmark: UCI regression",
    "",
    `Measured ${report.date} by \`pnpm bench:uq\` on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node} (${m.platform}); load average ${report.load[0].toFixed(1)} at the start and ${report.load[1].toFixed(1)} at the end${Math.max(...report.load) > m.cores ? " — more work than cores, so the times are inflated" : " (no more work than cores)"}.`,
    "",
    "**Protocol** (the UCI regression protocol of Hernández-Lobato & Adams 2015, as in the Deep Ensembles paper):",
    `${report.splits} random 90/10 splits of each data set. Split *s* is \`uciSplit(rows, s, 0.1)\` from tooling/datasets: core's Threefry permutation keyed by \`keyFromSeed(s)\` shuffles the row indices and the last round(0.1 · rows) of them are the test rows; s = 0…${report.splits - 1}. Every model gets the same two CSV files per split and is seeded with *s*; every model Yeo-Johnson-transforms each input column that has at least ${YEO_JOHNSON_MIN_DISTINCT} distinct values (λ by maximum likelihood on the training rows, in [${YEO_JOHNSON_LAMBDA_RANGE.min}, ${YEO_JOHNSON_LAMBDA_RANGE.max}]) and standardises inputs and target with the training rows' mean and population std. All predictives are scored by the same code (tooling/bench/src/uq-metrics.ts, through core's \`evaluate\`, as \`rpf evaluate\` scores) as the Gaussian with the mixture's mean and total variance, in the target's units: RMSE of the mean, NLL per point, CRPS, the fraction of test targets inside the model's own central 95% interval (coverage 95%) and that interval's mean width. That interval is the one \`rpf predict --level 0.95\` writes: for a model calibrated with \`--calibrate conformal\` its conformal interval, else mean ± 1.96·std (the peer's, too). Each cell is the mean ± sample std over the splits; wall s is the total over the splits.`,
    "",
    `- **rpf**: \`rpf train --preset tabular --data train.csv --y-col TARGET --seed s\`, then \`rpf predict\`; the preset is \`${report.preset}\`. It was chosen by measurement on splits ${TUNING_SPLITS.first}–${TUNING_SPLITS.last} (\`pnpm bench:uq --splits ${TUNING_SPLITS.first}-${TUNING_SPLITS.last} --no-peer --rpf-flags "…"\`), never on the test rows of the splits reported here; the choice is described in the preset's source (apps/cli/src/presets/tabular.ts).`,
    `- **rpf-conformal**: the same command with \`${CONFORMAL_FLAGS.join(" ")}\`: 10% of the training rows (drawn with core's keys) are held out of training and give the conformal scores, so its 95% interval carries split conformal's finite-sample guarantee of marginal coverage ≥ 0.95 under exchangeability (Lei et al. 2018); it checks the target of coverage ≥ level − 0.02 over the splits.`,
    report.peerMissing
      ? `- **PyTorch peer**: not run (${report.peerMissing}).`
      : "- **PyTorch peer** (tooling/bench/peer/torch_uq.py, PyTorch 1.13, one thread): a heteroscedastic deep ensemble as a careful user would write it — 5 members, one hidden layer of 50 ReLU units, mean and softplus variance, Gaussian NLL, Adam at 1e-3, minibatches of 32, early stopping on 10% of the training rows (patience 20, at most 1000 epochs); its Yeo-Johnson λs come from SciPy's `yeojohnson_normmax`.",
    "- **Published rows** use their own papers' random splits (and, for Deep Ensembles, adversarial training), not ours: they are beside ours for orientation only.",
    "",
  ];
  for (const result of report.datasets) {
    lines.push(
      `### ${result.name}`,
      "",
      `${result.rows} rows (${result.dropped} dropped for a missing value), ${result.inputs} inputs, target \`${result.target}\`; from ${result.source} (${result.license}).`,
      "",
      ...datasetTable(result),
      "",
    );
  }
  const targets = targetLines(report);
  if (targets.length > 0) lines.push("### Targets (issue 14)", "", ...targets, "");
  lines.push(SECTION_END);
  return `${lines.join("\n")}\n`;
}

/**
 * `document` with its bench:uq section replaced by `section` (or appended when it has none), so
 * the other sections of docs/uncertainty.md stay as they are.
 * @throws Error when the document has a start marker without an end marker after it.
 */
export function replaceUqSection(document: string, section: string): string {
  const start = document.indexOf(SECTION_START);
  if (start < 0) return `${document.trimEnd()}\n\n${section}`;
  const end = document.indexOf(SECTION_END, start);
  if (end < 0) throw new Error(`docs/uncertainty.md has "${SECTION_START}" but no "${SECTION_END}" after it`);
  return `${document.slice(0, start)}${section}${document.slice(end + SECTION_END.length).replace(/^\n/, "")}`;
}
