import { writeModel } from "@rpf/core";
import type { Command } from "commander";
import { readModelFile, writeOutput } from "../files.js";
import { defineOption } from "../option-definition.js";
import { outputPath } from "../option-parsers.js";
import { readName, writeName } from "../stdio.js";

interface ExportOptions {
  model: string;
  format: "onnx" | "rpf";
  out: string;
  components: boolean;
  summary: boolean;
  quiet?: boolean;
}

async function runExport(options: ExportOptions): Promise<void> {
  const model = await readModelFile(options.model);
  const contents = await writeModel(model, options.format, {
    producer: "@rpf/cli",
    components: options.components,
    summary: options.summary,
  });
  await writeOutput(options.out, contents);
  if (!options.quiet)
    process.stderr.write(
      `exported ${readName(options.model)} (${model.spec.members} members) to ${writeName(options.out)} as ${options.format}\n`,
    );
}

/** Adds `rpf export`'s options and action to `command`; "-" means stdin for --model, stdout for --out. */
export function defineExportCommand(command: Command): void {
  command
    .requiredOption("--model <file>", "an rpf model file, or an ONNX file exported by rpf; - for stdin")
    .addOption(defineOption("--format <format>", "what to write", { choices: ["onnx", "rpf"], default: "onnx" }))
    .requiredOption("-o, --out <file>", "where to write (atomically), or - for stdout", outputPath)
    .option("--no-components", "ONNX: leave out the prior and trainable outputs")
    .option("--no-summary", "ONNX: leave out the mean and std outputs")
    .option("-q, --quiet", "no note on stderr (errors still go there)")
    .action((options: ExportOptions) => runExport(options));
}
