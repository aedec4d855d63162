import type { Command, Option } from "commander";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/commands/catalogue.js";
import { buildProgram } from "../src/program.js";
import { runCli, tempDir } from "./run-cli.js";

const program = await buildProgram();
const commands: [string, Command][] = program.commands
  .filter((command) => COMMANDS.some((entry) => entry.name === command.name()))
  .map((command) => [command.name(), command]);
const optionsOf = (command: Command): [string, Option][] => command.options.map((option) => [option.long!, option]);

describe("every option's default is shown as a user types it", () => {
  it("the program defines every command", () => {
    expect(commands.map(([name]) => name)).toEqual(COMMANDS.map((entry) => entry.name));
  });

  describe.each(commands)("rpf %s", (_, command) => {
    it.each(optionsOf(command))("%s: the shown default parses to the default in effect", (_, option) => {
      // Defaults live in the help's own "(default: …)", never in the description's words.
      expect(option.description).not.toMatch(/default/i);
      const negated = option.negate && option.defaultValue === undefined;
      if (option.defaultValue === undefined || negated) return;
      expect(option.defaultValueDescription).toBeDefined();
      const typed = option.defaultValueDescription!;
      const parsed = option.parseArg ? option.parseArg(typed, undefined) : typed;
      expect(parsed).toEqual(option.defaultValue);
    });

    it("help shows no default as JSON (null, [..], quoted strings)", () => {
      const help = command.helpInformation();
      expect(help).not.toMatch(/default: (null|undefined|\[|")/);
      expect(help).not.toMatch(/choices: "/);
    });

    it("--out has -o and --quiet has -q", () => {
      for (const [long, option] of optionsOf(command)) {
        if (long === "--out") expect(option.short).toBe("-o");
        if (long === "--quiet") expect(option.short).toBe("-q");
      }
    });
  });

  it("every command that writes files or notes has -o or -q", () => {
    const has = (name: string, flag: string) =>
      commands.find(([n]) => n === name)![1].options.some((option) => option.short === flag);
    for (const name of ["train", "predict", "reproduce", "export"]) expect(has(name, "-o")).toBe(true);
    for (const name of ["train", "predict", "reproduce", "export", "conformance"]) expect(has(name, "-q")).toBe(true);
  });
});

describe("help as users see it (the built CLI)", () => {
  /** The help line of one option, with its wrapped continuation lines joined. */
  function optionLine(help: string, flags: string): string {
    const lines = help.split("\n");
    const start = lines.findIndex((line) => line.trimStart().startsWith(flags));
    expect(start).toBeGreaterThanOrEqual(0);
    const rest = lines.slice(start + 1);
    const end = rest.findIndex((line) => /^\s{2}-/.test(line));
    return [lines[start]!, ...rest.slice(0, end < 0 ? rest.length : end)].map((line) => line.trim()).join(" ");
  }

  it("rpf train --help", async () => {
    const { stdout, code } = await runCli(["train", "--help"], await tempDir());
    expect(code).toBe(0);
    expect(optionLine(stdout, "--batch-size <n|full>")).toMatch(/\(default: full\)$/);
    expect(optionLine(stdout, "--hidden <widths>")).toMatch(/\(default: 16,16\)$/);
    expect(optionLine(stdout, "--data <source>")).toMatch(/\(default: toy\)$/);
    expect(optionLine(stdout, "--lr <rate>")).toMatch(/\(default: 0\.03\)$/);
    expect(optionLine(stdout, "--activation <name>")).toMatch(
      /\(one of: elu, relu, tanh, gelu, identity; default: elu\)$/,
    );
    expect(optionLine(stdout, "--prior-activation <name>")).toMatch(/; default: as --activation\)$/);
    expect(optionLine(stdout, "-o, --out <file>")).toMatch(/or - for stdout \(default: not saved\)$/);
    expect(optionLine(stdout, "-q, --quiet")).toBeTruthy();
    expect(stdout).not.toMatch(/null|\[16/);
  });

  it("rpf predict --help and rpf conformance --help", async () => {
    const dir = await tempDir();
    const predict = (await runCli(["predict", "--help"], dir)).stdout;
    expect(optionLine(predict, "-o, --out <file>")).toMatch(/\(default: stdout\)$/);
    expect(optionLine(predict, "--sigmas <k>")).toMatch(/\(default: use --level\)$/);
    expect(optionLine(predict, "--level <p>")).toMatch(/\(default: 0\.95\)$/);
    const conformance = (await runCli(["conformance", "--help"], dir)).stdout;
    expect(optionLine(conformance, "--backends <list>")).toMatch(/\(default: matrix,tfjs:cpu,tfjs:wasm\)$/);
  });

  it("rpf help train is rpf train --help", async () => {
    const dir = await tempDir();
    expect((await runCli(["help", "train"], dir)).stdout).toBe((await runCli(["train", "--help"], dir)).stdout);
  });
});
