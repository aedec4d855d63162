import { exportOnnx } from "@rpf/backend-onnx";
import { encodeModel } from "@rpf/core";
import { type Command, Option } from "commander";
import { outputPath, readModelFile, writeFileSafely } from "../files.js";

interface ExportOptions {
  model: string;
  format: "onnx" | "rpf";
  out: string;
  components: boolean;
  summary: boolean;
}

async function runExport(options: ExportOptions): Promise<void> {
  const model = await readModelFile(options.model);
  const contents =
    options.format === "onnx"
      ? exportOnnx(model, { components: options.components, summary: options.summary })
      : encodeModel(model, { producer: "@rpf/cli" });
  await writeFileSafely(options.out, contents);
  process.stderr.write(
    `exported ${options.model} (${model.spec.members} members) to ${options.out} as ${options.format}\n`,
  );
}

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("convert a model: to one ONNX graph of the whole ensemble, or back to an rpf model file")
    .requiredOption("--model <file>", "an rpf model file, or an ONNX file exported by rpf")
    .addOption(new Option("--format <format>", "what to write").choices(["onnx", "rpf"]).default("onnx"))
    .requiredOption("--out <file>", "where to write (atomically)", outputPath)
    .option("--no-components", "ONNX: leave out the prior and trainable outputs")
    .option("--no-summary", "ONNX: leave out the mean and std outputs")
    .action((options: ExportOptions) => runExport(options));
}
