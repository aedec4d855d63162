import { Command, Help } from "commander";
import { COMMANDS } from "./commands/catalogue.js";
import { EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { HELP_SETTINGS } from "./option-definition.js";
import { isClosedOutputError } from "./stdio.js";
import { cliVersion } from "./version.js";

/**
 * The `rpf` program. Only the commands named in `define` get their options and actions (each is
 * loaded on demand); the others are listed by name and summary, which is all `rpf --help` shows.
 */
export async function buildProgram(define: readonly string[] = COMMANDS.map((c) => c.name)): Promise<Command> {
  const program = new Command("rpf")
    .description("deep ensembles with randomized prior functions (Osband et al. 2018)")
    .version(cliVersion(), "-V, --version", "print the version of rpf")
    .helpOption("-h, --help", "print this help")
    .helpCommand("help [command]", "print the help of a command")
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .configureHelp({ ...HELP_SETTINGS, subcommandTerm });
  for (const entry of COMMANDS) {
    const command = program
      .command(entry.name)
      .description(entry.summary)
      .helpOption("-h, --help", "print this help")
      .exitOverride()
      .configureOutput({ outputError: () => {} })
      .configureHelp(HELP_SETTINGS);
    if (define.includes(entry.name)) (await entry.load())(command);
  }
  return program;
}

/** The listing of a command in `rpf --help`, the same whether or not its options were loaded. */
function subcommandTerm(command: Command): string {
  return COMMANDS.some((entry) => entry.name === command.name())
    ? `${command.name()} [options]`
    : new Help().subcommandTerm(command);
}

/**
 * The command that argv runs: its first word (the program itself takes no option with a value),
 * or for `rpf help NAME`, NAME.
 */
function invokedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg) => !arg.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}

/**
 * Whether argv asks the command it runs for JSON (`--json`, before any `--`), and the command takes
 * that option: then a failure is printed as JSON too.
 */
function wantsJson(program: Command | undefined, argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  if (!(end < 0 ? argv : argv.slice(0, end)).includes("--json")) return false;
  const command = program?.commands.find((c) => c.name() === invokedCommand(argv));
  return command?.options.some((option) => option.long === "--json") ?? false;
}

/**
 * Runs the CLI; returns the exit code. Every failure is one line on stderr, never a stack trace:
 * `rpf: error: …`, or with `--json` the error as JSON (name, code, message, details).
 */
export async function main(argv: readonly string[]): Promise<number> {
  let program: Command | undefined;
  try {
    const invoked = invokedCommand(argv);
    program = await buildProgram(invoked === undefined ? [] : [invoked]);
    if (argv.length === 0) {
      process.stderr.write(program.helpInformation());
      return EXIT_USAGE;
    }
    await program.parseAsync([...argv], { from: "user" });
    return EXIT_OK;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") return EXIT_OK;
    // The reader of stdout has gone (`rpf … | head`): it wanted no more, so say nothing.
    if (isClosedOutputError(error)) return EXIT_OK;
    // Loaded only on failure: it knows rpf's error classes, and so loads @rpf/core.
    const { describeFailure, failureJson } = await import("./describe-failure.js");
    const failure = describeFailure(error);
    process.stderr.write(wantsJson(program, argv) ? `${failureJson(error)}\n` : `rpf: error: ${failure.message}\n`);
    if (process.env.RPF_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return failure.code;
  }
}
