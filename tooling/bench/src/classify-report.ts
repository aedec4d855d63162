import type { MachineInfo } from "./machine.js";

/** One model's scores on one split. */
export interface ClassifyScore {
  readonly split: number;
  readonly accuracy: number;
  readonly nll: number;
  readonly ece: number;
  /** AUROC of mutual information, shifted test rows (positive) against the test rows as they are. */
  readonly oodAuroc: number;
  readonly seconds: number;
}

/** Mean and sample standard deviation (n − 1) of one metric over the splits. */
export interface Spread {
  readonly mean: number;
  readonly std: number;
}

/** One variant's results over the splits. */
export interface VariantSummary {
  readonly accuracy: Spread;
  readonly nll: Spread;
  readonly ece: Spread;
  readonly oodAuroc: Spread;
  readonly totalSeconds: number;
}

export interface ClassifyReport {
  readonly date: string;
  readonly machine: MachineInfo;
  readonly load: readonly [number, number];
  readonly backend: string;
  readonly splits: number;
  readonly rows: number;
  readonly dropped: number;
  readonly source: string;
  readonly classes: readonly string[];
  /** The setup as JSON (the spec input every variant starts from). */
  readonly setup: string;
  readonly shiftSigmas: number;
  /** Per variant label (ABLATION_VARIANTS), the setup itself first. */
  readonly variants: Readonly<Record<string, VariantSummary>>;
}

export const CLASSIFY_START =
  "<!-- bench:classify:start (written by pnpm bench:classify; edits here are overwritten) -->";
export const CLASSIFY_END = "<!-- bench:classify:end -->";

/** The targets (issue 15) for the means over splits 0–19. */
export const CLASSIFY_TARGETS = { accuracy: 0.97, nll: 0.1, ece: 0.03, oodAuroc: 0.95 } as const;

function spread(values: readonly number[]): Spread {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, std: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0 };
}

/** Each metric's mean ± sample std over the splits, and the total wall seconds. */
export function summarizeVariant(scores: readonly ClassifyScore[]): VariantSummary {
  const of = (metric: "accuracy" | "nll" | "ece" | "oodAuroc") => spread(scores.map((s) => s[metric]));
  return {
    accuracy: of("accuracy"),
    nll: of("nll"),
    ece: of("ece"),
    oodAuroc: of("oodAuroc"),
    totalSeconds: scores.reduce((sum, s) => sum + s.seconds, 0),
  };
}

const show = (s: Spread, digits: number) => `${s.mean.toFixed(digits)} ± ${s.std.toFixed(digits)}`;
const verdict = (met: boolean) => (met ? "met" : "missed");

/**
 * The "## Benchmark: penguins classification" section of docs/uncertainty.md, between
 * CLASSIFY_START and CLASSIFY_END: the protocol, the table of every variant, the targets, the machine.
 */
export function renderClassifySection(report: ClassifyReport): string {
  const m = report.machine;
  const t = CLASSIFY_TARGETS;
  const lines = [
    CLASSIFY_START,
    "## Benchmark: penguins classification",
    "",
    `Measured ${report.date} by \`pnpm bench:classify\` on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node} (${m.platform}), backend ${report.backend}; load average ${report.load[0].toFixed(1)} at the start and ${report.load[1].toFixed(1)} at the end${Math.max(...report.load) > m.cores ? " — more work than cores, so the times are inflated" : " (no more work than cores)"}.`,
    "",
    `**Data**: Palmer penguins from ${report.source}: the species (${report.classes.join(", ")}; class k is the k-th in code-unit order, as rpf's model files sort labels) from the four numeric measurements; ${report.rows} rows, ${report.dropped} dropped for a missing value.`,
    "",
    `**Protocol**: ${report.splits} random 80/20 splits; split *s* is \`uciSplit(rows, s, 0.2)\` from tooling/datasets (core's Threefry permutation keyed by *s*; the last 20% of the shuffled rows are the test rows), and the ensemble is seeded with *s*. rpf trains through the library's public API (\`Ensemble.create\`, \`fit\`, \`predictClasses\`) with \`${report.setup}\`; the setup was chosen on splits 100–119 only (tooling/bench/src/classify-setup.ts says how). Accuracy, NLL (nats) and ECE (15 equal-width confidence bins) are core's \`evaluateClasses\` on the test rows, as \`rpf evaluate\` computes them; each cell is the mean ± sample std over the splits.`,
    "",
    `**Out of distribution**: every test row copied with each input moved ${report.shiftSigmas} training standard deviations up (x + ${report.shiftSigmas}·std per column, the population std of the training rows that rpf standardises with, so +${report.shiftSigmas} on every standardised input). AUROC is how well the mutual information separates the moved rows (positive) from the test rows as they are: the Mann–Whitney U over all pairs with ties counted ½, ranks from @stdlib/stats-ranks (tooling/bench/src/classify-auroc.ts).`,
    "",
    "| model | accuracy | NLL | ECE | OOD AUROC (MI) | wall s |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const [name, s] of Object.entries(report.variants)) {
    lines.push(
      `| ${name} | ${show(s.accuracy, 3)} | ${show(s.nll, 3)} | ${show(s.ece, 3)} | ${show(s.oodAuroc, 3)} | ${s.totalSeconds.toFixed(1)} |`,
    );
  }
  const rpf = Object.values(report.variants)[0];
  if (rpf && report.splits === 20) {
    lines.push(
      "",
      "### Targets (issue 15)",
      "",
      `- accuracy ≥ ${t.accuracy}: ${rpf.accuracy.mean.toFixed(3)}, ${verdict(rpf.accuracy.mean >= t.accuracy)}.`,
      `- NLL ≤ ${t.nll}: ${rpf.nll.mean.toFixed(3)}, ${verdict(rpf.nll.mean <= t.nll)}.`,
      `- ECE ≤ ${t.ece}: ${rpf.ece.mean.toFixed(3)}, ${verdict(rpf.ece.mean <= t.ece)}.`,
      `- OOD AUROC ≥ ${t.oodAuroc} with priors: ${rpf.oodAuroc.mean.toFixed(3)}, ${verdict(rpf.oodAuroc.mean >= t.oodAuroc)}.`,
    );
  }
  lines.push("", CLASSIFY_END);
  return `${lines.join("\n")}\n`;
}

/**
 * `document` with its bench:classify section replaced by `section`, or with the section appended
 * when it has none; the rest of the document stays as it is.
 * @throws Error when the start marker has no end marker after it.
 */
export function replaceClassifySection(document: string, section: string): string {
  const start = document.indexOf(CLASSIFY_START);
  if (start < 0) return `${document.trimEnd()}\n\n${section}`;
  const end = document.indexOf(CLASSIFY_END, start);
  if (end < 0) throw new Error(`the document has "${CLASSIFY_START}" but no "${CLASSIFY_END}" after it`);
  return `${document.slice(0, start)}${section}${document.slice(end + CLASSIFY_END.length).replace(/^\n/, "")}`;
}
