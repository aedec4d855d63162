import { open } from "node:fs/promises";
import { basename, join } from "node:path";
import { EXIT_RUNTIME, EXIT_USAGE } from "../../src/exit-codes.js";
import { FIXTURES } from "../run-cli.js";

/**
 * The shape of a corpus case and the helpers that build them. Every bad input must be refused
 * with one line, the documented exit code (src/exit-codes.ts: 1 for bad file contents, 2 for bad
 * usage) and no output file. Committed inputs live in fixtures/corpus/; inputs too big to commit
 * are made at test time.
 */

export const CORPUS = join(FIXTURES, "corpus");
export const MIB = 2 ** 20;

/** A file a case needs in its folder: a corpus fixture (copied under its own name), or one made at test time. */
export type CaseInput =
  | { readonly fixture: string }
  | { readonly name: string; readonly make: (path: string) => Promise<void> };

export type Category = "csv" | "columnar" | "model" | "onnx" | "options";

export interface BadInputCase {
  readonly category: Category;
  readonly name: string;
  readonly inputs: readonly CaseInput[];
  /** The command line without its output option: the test adds one (see `out`). */
  readonly args: readonly string[];
  /** The output option, when not the command's usual `--out FILE` into the case's folder. */
  readonly out?: readonly string[];
  readonly code: number;
  /** What the one line must say: the input it is about, what was wrong, what is accepted. */
  readonly mentions: readonly (string | RegExp)[];
  /** Why the case cannot run here, when it cannot. */
  readonly skip?: string | false;
}

/** An awkward input that must work; `rows` is what a trained model must report (train cases). */
export interface AcceptedCase {
  readonly name: string;
  readonly inputs: readonly CaseInput[];
  readonly args: readonly string[];
  readonly rows?: number;
}

export const TRAIN = ["train", "--members", "2", "--epochs", "5", "--quiet"];
/** A small valid model (1 member, one hidden layer of 2) for cases about other inputs. */
export const VALID_MODEL = { fixture: "model/valid.json" } as const;

export function inputName(input: CaseInput): string {
  return "fixture" in input ? basename(input.fixture) : input.name;
}

/** A sparse file of `bytes` bytes: its size is what is tested, and it costs no disk. */
export function sparseFile(bytes: number): (path: string) => Promise<void> {
  return async (path) => {
    const file = await open(path, "w");
    await file.truncate(bytes);
    await file.close();
  };
}

/** A bad CSV given to `rpf train --data`. */
export function badCsv(file: string, name: string, ...mentions: (string | RegExp)[]): BadInputCase {
  return {
    category: "csv",
    name,
    inputs: [{ fixture: `csv/${file}` }],
    args: [...TRAIN, "--data", file],
    code: EXIT_RUNTIME,
    mentions: [file, ...mentions],
  };
}

/** A bad model file, read by both commands that read models: two cases. */
export function badModel(
  category: "model" | "onnx",
  input: string | CaseInput,
  name: string,
  ...mentions: (string | RegExp)[]
): BadInputCase[] {
  const source = typeof input === "string" ? { fixture: `${category}/${input}` } : input;
  const file = inputName(source);
  return (["predict", "export"] as const).map((command) => ({
    category,
    name: `${name} (${command})`,
    inputs: [source],
    args: command === "predict" ? ["predict", "--model", file, "--x=-1:1:5"] : ["export", "--model", file],
    code: EXIT_RUNTIME,
    mentions: [file, ...mentions],
  }));
}

export function badTrainOption(args: string[], ...mentions: (string | RegExp)[]): BadInputCase {
  return {
    category: "options",
    name: `train ${args.join(" ")}`,
    inputs: [],
    args: ["train", "--epochs", "5", ...args],
    code: EXIT_USAGE,
    mentions,
  };
}

/** A bad option of predict or export, given a valid model. */
export function badModelOption(
  command: "predict" | "export",
  args: string[],
  ...mentions: (string | RegExp)[]
): BadInputCase {
  return {
    category: "options",
    name: `${command} ${args.join(" ")}`,
    inputs: [VALID_MODEL],
    args: [command, "--model", "valid.json", ...args],
    code: EXIT_USAGE,
    mentions,
  };
}
