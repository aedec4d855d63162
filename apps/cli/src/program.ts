import { Command } from "commander";
import { registerConformanceCommand } from "./commands/conformance.js";
import { registerExportCommand } from "./commands/export.js";
import { registerInfoCommand } from "./commands/info.js";
import { registerPredictCommand } from "./commands/predict.js";
import { registerTrainCommand } from "./commands/train.js";
import { describeFailure, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { registerReproduceCommand } from "./reproduce/command.js";

export function buildProgram(): Command {
  const program = new Command("rpf")
    .description("deep ensembles with randomized prior functions (Osband et al. 2018)")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  registerTrainCommand(program);
  registerPredictCommand(program);
  registerReproduceCommand(program);
  registerExportCommand(program);
  registerConformanceCommand(program);
  registerInfoCommand(program);
  for (const command of program.commands) command.exitOverride().configureOutput({ outputError: () => {} });
  return program;
}

/** Runs the CLI; returns the exit code. Every failure is one line on stderr, never a stack trace. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    process.stderr.write(program.helpInformation());
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT_OK;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") return EXIT_OK;
    const failure = describeFailure(error);
    process.stderr.write(`rpf: error: ${failure.message}\n`);
    if (process.env.RPF_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return failure.code;
  }
}
