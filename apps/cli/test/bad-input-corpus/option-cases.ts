import { EXIT_RUNTIME, EXIT_USAGE } from "../../src/exit-codes.js";
import { type BadInputCase, badModelOption, badTrainOption } from "./case.js";

const integer = (option: string, value: string, min: number) => [
  option,
  `expected an integer >= ${min}, got "${value}"`,
];

/** A spec field's integer option: the limits are the spec schema's (one limit per field everywhere). */
const specInteger = (option: string, value: string, min: number, max: number) => [
  option,
  `expected an integer from ${min} to ${max}, got "${value}"`,
];

/**
 * A format-version-1 checkpoint (mse head, no weight decay, written by rpf before heads existed)
 * resumed with options that would change its head or training: refused, naming them.
 */
function resumeWith(args: string[], named: string): BadInputCase {
  return {
    category: "options",
    name: `train --resume a format-version-1 checkpoint ${args.join(" ")}`,
    inputs: [{ fixture: "model/checkpoint-format-v1.ckpt" }],
    args: ["train", "--resume", "checkpoint-format-v1.ckpt", ...args],
    code: EXIT_USAGE,
    mentions: [`--resume continues the checkpoint's run with its own settings; remove ${named}`],
  };
}

/** Bad option values: usage errors (exit 2) naming the option and what it accepts. */
export const badOptions: BadInputCase[] = [
  badTrainOption(["--members", "0"], ...specInteger("--members", "0", 1, 1024)),
  badTrainOption(["--members", "-3"], ...specInteger("--members", "-3", 1, 1024)),
  badTrainOption(["--members", "abc"], ...specInteger("--members", "abc", 1, 1024)),
  badTrainOption(["--members", "1.5"], ...specInteger("--members", "1.5", 1, 1024)),
  badTrainOption(["--members", "1000000000"], ...specInteger("--members", "1000000000", 1, 1024)),
  badTrainOption(["--epochs", "-1"], ...specInteger("--epochs", "-1", 0, 10000000)),
  badTrainOption(["--epochs", "1e12"], ...specInteger("--epochs", "1e12", 0, 10000000)),
  badTrainOption(["--epochs", "1000000000000"], ...specInteger("--epochs", "1000000000000", 0, 10000000)),
  badTrainOption(["--lr", "0"], "--lr", 'expected a finite number > 0, got "0"'),
  badTrainOption(["--lr", "-1"], "--lr", 'expected a finite number > 0, got "-1"'),
  badTrainOption(["--lr", "nan"], "--lr", 'got "nan"'),
  badTrainOption(["--beta", "NaN"], "--beta", 'expected a finite number >= 0, got "NaN"'),
  badTrainOption(["--beta", "-1"], "--beta", 'got "-1"'),
  badTrainOption(
    ["--beta", "3.5e38"],
    "--beta",
    'expected a finite number >= 0 within the float32 range (±3.4028235e38), got "3.5e38"',
  ),
  badTrainOption(["--lr", "1e39"], "--lr", "within the float32 range", 'got "1e39"'),
  badTrainOption(["--momentum", "1"], "--momentum", 'expected a finite number in [0, 1), got "1"'),
  badTrainOption(["--hidden", "16,,16"], ...specInteger("--hidden", "", 1, 4096)),
  badTrainOption(["--hidden", "100000"], ...specInteger("--hidden", "100000", 1, 4096)),
  badTrainOption(["--hidden", Array(17).fill(2).join(",")], "--hidden", "expected at most 16 layer widths, got 17"),
  badTrainOption(["--prior-hidden", "0"], "--prior-hidden", 'got "0"'),
  badTrainOption(["--batch-size", "0"], ...specInteger("--batch-size", "0", 1, 2147483647)),
  badTrainOption(["--batch-size", "all"], "--batch-size", 'got "all"'),
  badTrainOption(["--seed", "-1"], ...specInteger("--seed", "-1", 0, 9007199254740991)),
  badTrainOption(["--seed", "99999999999999999999"], "--seed", 'got "99999999999999999999"'),
  badTrainOption(["--data-seed", "1.5"], ...integer("--data-seed", "1.5", 0)),
  badTrainOption(["--points", "0"], ...integer("--points", "0", 1)),
  badTrainOption(["--points", "1000000000000"], "--points must be at most 10000000, got 1000000000000"),
  badTrainOption(["--x-cols", ","], "--x-cols", "expected comma-separated column names"),
  badTrainOption(["--backend", "nonsense"], 'unknown backend "nonsense"', "accepted: auto, matrix"),
  badTrainOption(["--backend", "matrix:nonsense"], 'unknown device "nonsense"', "accepted: auto, cpu"),
  badTrainOption(["--bootstrap", "weird"], 'unknown bootstrap "weird"', "accepted: none, resample"),
  badTrainOption(["--bootstrap", "bernoulli:2"], "bernoulli", "(0, 1]", "2"),
  badTrainOption(["--activation", "swish"], "--activation", "swish", "elu"),
  badTrainOption(["--init", "nonsense"], "--init", "glorot_normal"),
  badTrainOption(["--optimizer", "rmsprop"], "--optimizer", "Allowed choices are adam, sgd"),
  badTrainOption(["--standardize", "yes"], "--standardize", "Allowed choices are none, x, xy"),
  badTrainOption(["--head", "poisson"], "--head", "Allowed choices are mse, gaussian"),
  badTrainOption(
    ["--head", "gaussian", "--variance-floor", "0"],
    "--variance-floor",
    'expected a finite number > 0, got "0"',
  ),
  badTrainOption(["--variance-floor", "-1e-6"], "--variance-floor", 'expected a finite number > 0, got "-1e-6"'),
  badTrainOption(["--variance-floor", "inf"], "--variance-floor", 'got "inf"'),
  badTrainOption(["--weight-decay", "-0.01"], "--weight-decay", 'expected a finite number >= 0, got "-0.01"'),
  badTrainOption(["--weight-decay", "NaN"], "--weight-decay", 'got "NaN"'),
  resumeWith(["--head", "gaussian"], "--head"),
  resumeWith(["--weight-decay", "0.1", "--variance-floor", "0.01"], "--variance-floor, --weight-decay"),
  badModelOption(
    "predict",
    ["--x=0:1:5", "--std-parts"],
    "--std-parts needs a model trained with --head gaussian; this model's head is mse",
  ),
  badTrainOption(["--frobnicate"], "unknown option '--frobnicate'"),
  badTrainOption(["--member", "2"], "unknown option '--member'", "--members"),
  {
    ...badTrainOption([], "--out", "expected a file path or - for stdout, got an empty one"),
    name: "train --out ''",
    out: ["--out", ""],
  },
  badModelOption("predict", ["--x=0:1:0"], "--x", "COUNT >= 1"),
  badModelOption("predict", ["--x=a:b:3"], "--x", '"a:b:3"'),
  badModelOption("predict", ["--x=0:1e400:3"], "--x", '"1e400"'),
  badModelOption("predict", ["--x=0:1:20000000"], "--x", "at most 10,000,000 points"),
  badModelOption("predict", ["--x=0:1:5", "--sigmas", "0"], "--sigmas", 'expected a finite number > 0, got "0"'),
  badModelOption("predict", ["--x=0:1:5", "--format", "xml"], "--format", "Allowed choices are csv, json"),
  badModelOption("predict", ["--x=0:1:5", "--backend", "nonsense"], 'unknown backend "nonsense"'),
  {
    ...badModelOption("predict", [], "give exactly one of --x START:STOP:COUNT or --input FILE.csv"),
    name: "predict with neither --x nor --input",
  },
  {
    ...badModelOption("predict", ["--x=0:1:5"], "--out", "expected a file path or - for stdout, got an empty one"),
    name: "predict --out ''",
    out: ["--out", ""],
  },
  {
    ...badModelOption("predict", ["--x=0:1:5"], "the file name is too long for this file system"),
    name: "predict --out with a 5000-character file name",
    out: ["--out", "a".repeat(5000)],
    // Not a usage error: only the file system knows its limit.
    code: EXIT_RUNTIME,
  },
  badModelOption("export", ["--format", "bogus"], "--format", "Allowed choices are onnx, rpf"),
  {
    ...badModelOption("export", [], "--out", "expected a file path or - for stdout, got an empty one"),
    name: "export --out ''",
    out: ["--out", ""],
  },
  {
    ...badModelOption("export", [], "required option '-o, --out <file>' not specified"),
    name: "export without --out",
    out: [],
  },
];
