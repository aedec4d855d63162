import { InvalidArgumentError } from "@rpf/core";
import { Argument, type Command } from "commander";
import { defineOption } from "../option-definition.js";
import { folderPath } from "../option-parsers.js";
import type { ReproduceOptions } from "./options.js";
import { REPRODUCTIONS } from "./reproductions.js";

type CommandLineOptions = Omit<ReproduceOptions, "out"> & { out?: string };

/** Adds `rpf reproduce [experiment]`'s argument, options and action to `command`. */
export function defineReproduceCommand(command: Command): void {
  const [first] = REPRODUCTIONS;
  command
    .addArgument(
      new Argument(
        "[experiment]",
        `what to reproduce: ${REPRODUCTIONS.map((r) => `${r.name} (${r.summary})`).join(", ")}`,
      )
        .choices(REPRODUCTIONS.map((r) => r.name))
        .default(first!.name, first!.name),
    )
    .addOption(
      defineOption("-o, --out <dir>", "folder for the figures and summary.json", {
        parse: folderPath,
        unset: REPRODUCTIONS.map((r) => `${r.defaultOut} for ${r.name}`).join(", "),
      }),
    )
    .option("--quick", "a fifth of the epochs (for a fast look)")
    .addOption(defineOption("--backend <name[:device]>", "compute backend, see `rpf info`", { default: "auto" }))
    .option("--json", "print the summary as JSON on stdout")
    .option("-q, --quiet", "no progress or checks on stderr")
    .option("--sizes <list>", "deepsea only: the grid sizes N to sweep, comma-separated (e.g. 4,8,12)")
    .action(async (name: string, options: CommandLineOptions) => {
      const reproduction = REPRODUCTIONS.find((r) => r.name === name)!;
      if (options.sizes !== undefined && name !== "deepsea")
        throw new InvalidArgumentError("--sizes belongs to rpf reproduce deepsea", { field: "sizes" });
      const run = await reproduction.load();
      await run({ ...options, out: options.out ?? reproduction.defaultOut });
    });
}
