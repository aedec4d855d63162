import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildProgram, PRESETS, presetFlags } from "@rpf/cli";
import { loadAutoMpg, loadBoston, type TabularData } from "@rpf/datasets";
import { describeMachine } from "./machine.js";
import { parseUqOptions } from "./uq-options.js";
import { runPeer } from "./uq-peer.js";
import { runSplits, type UqModel } from "./uq-protocol.js";
import {
  CONFORMAL_FLAGS,
  CONFORMAL_MODEL,
  type DatasetResult,
  renderUqSection,
  replaceUqSection,
} from "./uq-report.js";
import { runRpf } from "./uq-rpf.js";
import { summarizeScores } from "./uq-summary.js";
import { REPO_ROOT, torchAvailable } from "./workloads.js";
import { writeAtomically } from "./write-atomically.js";

const LOADERS: Readonly<Record<string, () => Promise<TabularData>>> = {
  boston: loadBoston,
  "auto-mpg": loadAutoMpg,
};
const DOC_PATH = `${REPO_ROOT}docs/uncertainty.md`;
const DOC_TITLE = "# Uncertainty on real data\n";

async function tabularPresetFlags(): Promise<string> {
  const train = (await buildProgram(["train"])).commands.find((command) => command.name() === "train")!;
  return presetFlags(train, PRESETS.find((preset) => preset.name === "tabular")!);
}

const options = parseUqOptions(process.argv.slice(2));
const peerMissing = options.peer ? torchAvailable() : "left out (--no-peer)";
const models: Record<string, UqModel> = { rpf: (split) => runRpf(split, options.rpfFlags) };
if (options.conformal) models[CONFORMAL_MODEL] = (split) => runRpf(split, [...options.rpfFlags, ...CONFORMAL_FLAGS]);
if (!peerMissing) models.pytorch = runPeer;
else process.stderr.write(`PyTorch peer: ${peerMissing}\n`);

const loadBefore = loadavg()[0]!;
const folder = mkdtempSync(join(tmpdir(), "rpf-bench-uq-"));
const results: DatasetResult[] = [];
try {
  for (const name of options.datasets) {
    const load = LOADERS[name];
    if (!load) throw new RangeError(`no data set "${name}"; known: ${Object.keys(LOADERS).join(", ")}`);
    const data = await load();
    const scores = await runSplits(data, options.splits, models, folder, (model, score) =>
      process.stderr.write(
        `${name} split ${score.split} ${model}: rmse ${score.rmse.toFixed(3)} nll ${score.nll.toFixed(3)} coverage95 ${score.coverage95.toFixed(3)} ${score.seconds.toFixed(1)} s\n`,
      ),
    );
    const summaries = Object.fromEntries(Object.entries(scores).map(([model, list]) => [model, summarizeScores(list)]));
    for (const [model, s] of Object.entries(summaries)) {
      process.stdout.write(
        `${name} ${model}: rmse ${s.rmse.mean.toFixed(3)} ± ${s.rmse.std.toFixed(3)}, nll ${s.nll.mean.toFixed(3)} ± ${s.nll.std.toFixed(3)}, crps ${s.crps.mean.toFixed(3)}, coverage95 ${s.coverage95.mean.toFixed(3)}, width95 ${s.width95.mean.toFixed(2)}, ${s.totalSeconds.toFixed(1)} s\n`,
      );
    }
    results.push({
      name: data.name,
      source: data.source,
      license: data.license,
      rows: data.rows.length,
      dropped: data.dropped,
      inputs: data.inputs.length,
      target: data.target,
      models: summaries,
    });
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

if (options.write) {
  const section = renderUqSection({
    date: new Date().toISOString().slice(0, 10),
    machine: describeMachine(),
    load: [loadBefore, loadavg()[0]!],
    splits: options.splits.length,
    preset: await tabularPresetFlags(),
    peerMissing,
    datasets: results,
  });
  const document = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, "utf8") : DOC_TITLE;
  writeAtomically(DOC_PATH, replaceUqSection(document, section));
  process.stderr.write(`wrote the "Benchmark: UCI regression" section of ${DOC_PATH}\n`);
}
