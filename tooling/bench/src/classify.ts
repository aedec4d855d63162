import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { registerParallelMatrixBackend } from "@rpf/backend-matrix/node";
import type { EnsembleSpecInput } from "@rpf/core";
import { loadPenguins } from "@rpf/datasets";
import { OOD_SHIFT_SIGMAS } from "./classify-ood.js";
import {
  type ClassifyScore,
  renderClassifySection,
  replaceClassifySection,
  summarizeVariant,
} from "./classify-report.js";
import { ABLATION_VARIANTS, PENGUINS_SETUP } from "./classify-setup.js";
import { scoreSplit } from "./classify-split.js";
import { classTable } from "./classify-table.js";
import { describeMachine } from "./machine.js";
import { REPO_ROOT } from "./workloads.js";
import { writeAtomically } from "./write-atomically.js";

/**
 * `pnpm bench:classify [--splits A-B] [--spec '{…}'] [--variants rpf,no-prior,no-bootstrap]`:
 * Palmer penguins, rpf's categorical head and its ablation. The reported run (splits 0–19, the setup
 * as written, every variant) writes docs/uncertainty.md's classification section; any option makes
 * it a tuning run, which writes nothing.
 */
const argv = process.argv.slice(2);
const value = (name: string) => {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
};
const splitsText = value("--splits");
const specText = value("--spec");
const match = /^(\d+)-(\d+)$/.exec(splitsText ?? "0-19");
if (!match) throw new RangeError(`--splits takes "A-B" of whole numbers, got ${splitsText}`);
const splits = Array.from({ length: Number(match[2]) - Number(match[1]) + 1 }, (_, i) => Number(match[1]) + i);
const overrides = specText ? (JSON.parse(specText) as EnsembleSpecInput) : {};
const variantsText = value("--variants");
const chosen = variantsText ? variantsText.split(",") : Object.keys(ABLATION_VARIANTS);
const unknown = chosen.find((key) => !(key in ABLATION_VARIANTS));
if (unknown) throw new RangeError(`no variant "${unknown}"; known: ${Object.keys(ABLATION_VARIANTS).join(", ")}`);
const write = !splitsText && !specText && !variantsText;
const setup: EnsembleSpecInput = { ...PENGUINS_SETUP, ...overrides };
const BACKEND = "matrix";
const DOC_PATH = `${REPO_ROOT}docs/uncertainty.md`;

// As the CLI does: in Node, backend-matrix trains each member on a worker thread of its own.
registerParallelMatrixBackend();
const loadBefore = loadavg()[0]!;
const data = await loadPenguins();
const table = classTable(data);
const variants: Record<string, ReturnType<typeof summarizeVariant>> = {};
for (const key of chosen) {
  const { label: name, overrides: variant } = ABLATION_VARIANTS[key]!;
  const scores: ClassifyScore[] = [];
  for (const split of splits) {
    const score = await scoreSplit(table, split, { ...setup, ...variant }, BACKEND);
    scores.push(score);
    process.stderr.write(
      `${name} split ${split}: accuracy ${score.accuracy.toFixed(3)} nll ${score.nll.toFixed(3)} ece ${score.ece.toFixed(3)} ood auroc ${score.oodAuroc.toFixed(3)} ${score.seconds.toFixed(1)} s\n`,
    );
  }
  const s = summarizeVariant(scores);
  variants[name] = s;
  process.stdout.write(
    `${name}: accuracy ${s.accuracy.mean.toFixed(4)} ± ${s.accuracy.std.toFixed(4)}, nll ${s.nll.mean.toFixed(4)} ± ${s.nll.std.toFixed(4)}, ece ${s.ece.mean.toFixed(4)} ± ${s.ece.std.toFixed(4)}, ood auroc ${s.oodAuroc.mean.toFixed(4)} ± ${s.oodAuroc.std.toFixed(4)}, ${s.totalSeconds.toFixed(1)} s\n`,
  );
}

if (write) {
  const section = renderClassifySection({
    date: new Date().toISOString().slice(0, 10),
    machine: describeMachine(),
    load: [loadBefore, loadavg()[0]!],
    backend: BACKEND,
    splits: splits.length,
    rows: data.rows.length,
    dropped: data.dropped,
    source: data.source,
    classes: table.classes,
    setup: JSON.stringify(setup),
    shiftSigmas: OOD_SHIFT_SIGMAS,
    variants,
  });
  const document = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, "utf8") : "# Uncertainty on real data\n";
  writeAtomically(DOC_PATH, replaceClassifySection(document, section));
  process.stderr.write(`wrote the "Benchmark: penguins classification" section of ${DOC_PATH}\n`);
}
