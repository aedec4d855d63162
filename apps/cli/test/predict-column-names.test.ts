import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, tempDir, useTrainedModel } from "./run-cli.js";

/** The public case of issue #11 item 2: y depends on a and b very differently. */
const TRAINING_CSV = "a,b,y\n0,1,0\n1,0,5\n0.5,0.5,2\n1,1,6\n";
const TRAIN = ["--data", "train.csv", "--members", "2", "--epochs", "200"];

let folder: () => string;

async function predict(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(["predict", "--model", "ab.json", ...args], folder());
}

/** The mean column of a prediction CSV, whose header must be `a,b,mean,…` (the model's order). */
function means(csv: string): number[] {
  const [header, ...rows] = csv.trimEnd().split("\n");
  expect(header).toBe("a,b,mean,std,lower,upper");
  return rows.map((row) => Number(row.split(",")[2]));
}

describe("rpf predict matches inputs to the model's columns by name", () => {
  folder = useTrainedModel(TRAIN, "ab.json", { "train.csv": TRAINING_CSV });

  it("predicts about 5.1 at a = 1, b = 0 however the inputs are laid out (the public case)", async () => {
    await writeFile(join(folder(), "ab.csv"), "a,b\n1,0\n");
    await writeFile(join(folder(), "ba.csv"), "b,a\n0,1\n");
    await writeFile(join(folder(), "extra.csv"), "id,b,y,a\nfirst,0,99,1\n");
    const plain = await predict(["--input", "ab.csv"]);
    expect(plain.code).toBe(0);
    const [mean] = means(plain.stdout);
    expect(mean).toBeGreaterThan(5);
    expect(mean).toBeLessThan(5.2);
    // --x-cols b,a used to feed b into a and print about 0.0.
    for (const args of [
      ["--input", "ab.csv", "--x-cols", "b,a"],
      ["--input", "ab.csv", "--x-cols", "a,b"],
      ["--input", "ba.csv"],
      ["--input", "ba.csv", "--x-cols", "b,a"],
      ["--input", "extra.csv"],
    ]) {
      const result = await predict(args);
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout, args.join(" ")).toBe(plain.stdout);
    }
  });

  it.each([
    ["a name the model lacks", ["--x-cols", "a,c"], "missing b; not in the model: c"],
    ["a missing name", ["--x-cols", "a"], "missing b"],
    ["a repeated name", ["--x-cols", "a,b,a"], "repeated: a"],
  ])("refuses --x-cols with %s as a usage error listing both sets", async (_label, args, problem) => {
    await writeFile(join(folder(), "ab.csv"), "a,b\n1,0\n");
    const before = await listDir(folder());
    const result = await predict(["--input", "ab.csv", ...args, "--out", "p.csv"]);
    expectOneLineError(
      result,
      2,
      `--x-cols gives columns ${args[1]!.split(",").join(", ")}; the model's input columns are a, b (${problem})`,
    );
    expect(await listDir(folder())).toEqual(before);
  });

  it("refuses an input CSV that lacks one of the model's columns", async () => {
    await writeFile(join(folder(), "ac.csv"), "a,c\n1,0\n");
    expectOneLineError(
      await predict(["--input", "ac.csv"]),
      2,
      "ac.csv's header gives columns a, c; the model's input columns are a, b (missing b)",
    );
  });

  it("refuses --x-cols with --x, which has no columns to choose", async () => {
    expectOneLineError(await predict(["--x=0:1:2", "--x-cols", "a,b"]), 2, /--x-cols chooses columns of --input/);
  });

  it("gives identical predictions for any order of the input columns, with any extra columns (property)", async () => {
    const rows = [
      [1, 0],
      [0, 1],
      [0.25, 0.75],
      [-1, 2],
    ];
    await writeFile(join(folder(), "ref.csv"), `a,b\n${rows.map((r) => r.join(",")).join("\n")}\n`);
    const reference = await predict(["--input", "ref.csv"]);
    expect(reference.code).toBe(0);
    const layout = fc.shuffledSubarray(["a", "b", "id", "y"], { minLength: 4 });
    await fc.assert(
      fc.asyncProperty(layout, fc.boolean(), async (header, withXCols) => {
        const value = (name: string, row: readonly number[]) =>
          name === "a" ? row[0] : name === "b" ? row[1] : name === "id" ? "row" : 7;
        const body = rows.map((row) => header.map((name) => value(name, row)).join(",")).join("\n");
        await writeFile(join(folder(), "shuffled.csv"), `${header.join(",")}\n${body}\n`);
        const xCols = header.filter((name) => name === "a" || name === "b").join(",");
        const result = await predict(["--input", "shuffled.csv", ...(withXCols ? ["--x-cols", xCols] : [])]);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe(reference.stdout);
      }),
      { numRuns: 6 },
    );
  });
});

describe("rpf train and --resume keep column names straight", () => {
  it("refuses --x-cols that name a column twice", async () => {
    const here = await tempDir();
    await writeFile(join(here, "train.csv"), TRAINING_CSV);
    expectOneLineError(
      await runCli(["train", "--data", "train.csv", "--x-cols", "a,a", "--epochs", "1", "--quiet"], here),
      2,
      'x columns repeats "a"; name each column once',
    );
  });

  it("refuses to resume when the CSV's columns were renamed since the checkpoint", async () => {
    const here = await tempDir();
    await writeFile(join(here, "train.csv"), TRAINING_CSV);
    // A finished run leaves its last checkpoint (epoch 200 of 300), which can be resumed like an interrupted one.
    const trained = await runCli(
      ["train", "--data", "train.csv", "--members", "2", "--epochs", "300", "--checkpoint-every", "100"].concat([
        "--checkpoint",
        "run.ckpt",
        "--quiet",
      ]),
      here,
    );
    expect(trained.code).toBe(0);
    const checkpoint = JSON.parse(await readFile(join(here, "run.ckpt"), "utf8"));
    expect(checkpoint.columns).toEqual({ x: ["a", "b"], y: "y" });
    await writeFile(join(here, "train.csv"), TRAINING_CSV.replace("a,b,y", "b,a,y"));
    expectOneLineError(
      await runCli(["train", "--resume", "run.ckpt", "--quiet"], here),
      2,
      "train.csv now gives columns b, a → y; the checkpoint was trained on a, b → y",
    );
  });

  it("refuses a different --x-cols on resume", async () => {
    const here = await tempDir();
    await writeFile(join(here, "train.csv"), TRAINING_CSV);
    await writeFile(join(here, "run.ckpt"), "{}");
    expectOneLineError(await runCli(["train", "--resume", "run.ckpt", "--x-cols", "b,a"], here), 2, "remove --x-cols");
  });
});
