import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { canonicalJson } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, useTrainedModel } from "./run-cli.js";

/** y = a + 2b with noise growing in a: enough rows for a Gaussian head to learn something. */
function table(rows: number, offset: number): string {
  const lines = ["a,b,y"];
  for (let i = 0; i < rows; i++) {
    const a = ((i * 7 + offset) % 20) / 10 - 1;
    const b = ((i * 3 + offset) % 11) / 10 - 0.5;
    const noise = 0.1 * (1 + a) * Math.sin(i * 12.9898 + offset);
    lines.push(`${a},${b},${(a + 2 * b + noise).toFixed(4)}`);
  }
  return `${lines.join("\n")}\n`;
}

const TEST_CSV = table(30, 5);
const TRAIN = ["--data", "train.csv", "--members", "3", "--epochs", "150", "--standardize", "xy"];
const LEVELS = ["0.5", "0.8", "0.9", "0.95"];

interface JsonReport {
  readonly [key: string]: unknown;
  readonly rmse: number;
  readonly nll: number;
  readonly coverage: Record<string, number>;
  readonly width: Record<string, number>;
}

const gaussianFolder = useTrainedModel([...TRAIN, "--head", "gaussian"], "g.json", {
  "train.csv": table(120, 0),
  "test.csv": TEST_CSV,
});

async function evaluateIn(dir: string, args: readonly string[]) {
  return runCli(["evaluate", ...args], dir);
}

async function json(args: readonly string[]): Promise<JsonReport> {
  const result = await evaluateIn(gaussianFolder(), ["--model", "g.json", "--json", ...args]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JsonReport;
}

describe("rpf evaluate on a Gaussian-head model", () => {
  it("prints a readable table of every metric", async () => {
    const result = await evaluateIn(gaussianFolder(), ["--model", "g.json", "--data", "test.csv"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^test\.csv: 30 rows, target y; head gaussian: std = √\(aleatoric² \+ epistemic²\)\n/,
    );
    for (const name of ["rmse", "mae", "nll", "crps"])
      expect(result.stdout).toMatch(new RegExp(`^${name} +-?\\d`, "m"));
    for (const level of ["50%", "80%", "90%", "95%"])
      expect(result.stdout).toMatch(new RegExp(`^ *${level} +[\\d.]+ +[\\d.]+$`, "m"));
    expect(result.stdout).toMatch(/mean aleatoric std [\d.]+, mean epistemic std [\d.]+/);
  });

  it("--json names the metrics rmse, mae, nll, crps, coverage and width by level, and the split", async () => {
    const report = await json(["--data", "test.csv"]);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(["rmse", "mae", "nll", "crps", "coverage", "width", "aleatoricStd", "epistemicStd"]),
    );
    expect(report).toMatchObject({
      data: "test.csv",
      target: "y",
      head: "gaussian",
      n: 30,
      predictiveStd: "aleatoric+epistemic",
    });
    expect(Object.keys(report.coverage)).toEqual(LEVELS);
    expect(Object.keys(report.width)).toEqual(LEVELS);
    for (const level of LEVELS) {
      expect(report.coverage[level]).toBeGreaterThanOrEqual(0);
      expect(report.coverage[level]).toBeLessThanOrEqual(1);
      expect(report.width[level]).toBeGreaterThan(0);
    }
    expect((report.pitHistogram as number[]).reduce((s, c) => s + c, 0)).toBe(30);
  });

  it("scores what rpf predict predicts: rmse and nll recomputed from its mean and std", async () => {
    const predicted = await runCli(
      ["predict", "--model", "g.json", "--input", "test.csv", "--format", "json"],
      gaussianFolder(),
    );
    expect(predicted.code).toBe(0);
    const { mean, std } = JSON.parse(predicted.stdout) as { mean: number[]; std: number[] };
    const y = TEST_CSV.trim()
      .split("\n")
      .slice(1)
      .map((line) => Math.fround(Number(line.split(",")[2])));
    const rmse = Math.sqrt(y.reduce((s, v, i) => s + (v - mean[i]!) ** 2, 0) / y.length);
    const nll =
      y.reduce((s, v, i) => s + 0.5 * ((v - mean[i]!) / std[i]!) ** 2 + Math.log(std[i]!), 0) / y.length +
      0.5 * Math.log(2 * Math.PI);
    const report = await json(["--data", "test.csv"]);
    expect(report.rmse).toBeCloseTo(rmse, 5);
    expect(report.nll).toBeCloseTo(nll, 5);
  });

  it("matches columns by name: reordered and extra columns give the same scores", async () => {
    const lines = TEST_CSV.trim().split("\n").slice(1);
    const reordered = lines.map((line, i) => {
      const [a, b, y] = line.split(",");
      return `row${i},${y},${b},note,${a}`;
    });
    await writeFile(join(gaussianFolder(), "shuffled.csv"), `id,y,b,comment,a\n${reordered.join("\n")}\n`);
    const { data: _plainName, ...plain } = await json(["--data", "test.csv"]);
    const { data: shuffledName, ...shuffled } = await json(["--data", "shuffled.csv"]);
    expect(shuffledName).toBe("shuffled.csv");
    expect(shuffled).toEqual(plain);
  });

  it("reads the test data from stdin with --data -, and the model from stdin with --model -", async () => {
    const { data: _file, ...plain } = await json(["--data", "test.csv"]);
    const piped = await runCli(["evaluate", "--model", "g.json", "--data", "-", "--json"], gaussianFolder(), {
      input: TEST_CSV,
    });
    expect(piped.code).toBe(0);
    const { data, ...fromStdin } = JSON.parse(piped.stdout);
    expect(data).toBe("stdin");
    expect(fromStdin).toEqual(plain);
    const model = await readFile(join(gaussianFolder(), "g.json"), "utf8");
    const modelPiped = await runCli(["evaluate", "--model", "-", "--data", "test.csv", "--json"], gaussianFolder(), {
      input: model,
    });
    expect(JSON.parse(modelPiped.stdout)).toEqual({ data: "test.csv", ...plain });
  });

  it("--y-col names the target when the test file calls it something else", async () => {
    await writeFile(join(gaussianFolder(), "renamed.csv"), TEST_CSV.replace("a,b,y", "a,b,observed"));
    const { data: _a, target, ...renamed } = await json(["--data", "renamed.csv", "--y-col", "observed"]);
    const { data: _b, target: _y, ...plain } = await json(["--data", "test.csv"]);
    expect(target).toBe("observed");
    expect(renamed).toEqual(plain);
  });

  it("--figures writes a PIT histogram and a calibration curve as SVG and PNG, nothing else", async () => {
    const result = await evaluateIn(gaussianFolder(), [
      "--model",
      "g.json",
      "--data",
      "test.csv",
      "--figures",
      "figures/eval",
    ]);
    expect(result.code).toBe(0);
    const dir = join(gaussianFolder(), "figures", "eval");
    expect(await listDir(dir)).toEqual([
      "calibration.png",
      "calibration.svg",
      "pit-histogram.png",
      "pit-histogram.svg",
    ]);
    const svg = await readFile(join(dir, "pit-histogram.svg"), "utf8");
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain("PIT histogram");
    expect(await readFile(join(dir, "calibration.svg"), "utf8")).toContain("observed coverage");
    const png = await readFile(join(dir, "calibration.png"));
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});

describe("rpf evaluate on a conformally calibrated model", () => {
  const folder = useTrainedModel(
    [...TRAIN, "--head", "gaussian", "--validation", "0.5", "--calibrate", "conformal"],
    "c.json",
    { "train.csv": table(120, 0), "test.csv": TEST_CSV },
  );

  it("scores the model's own conformal intervals, the ones rpf predict --level writes", async () => {
    const result = await evaluateIn(folder(), ["--model", "c.json", "--data", "test.csv", "--json"]);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.intervals).toBe("supplied");
    const predicted = await runCli(["predict", "--model", "c.json", "--input", "test.csv", "--level", "0.9"], folder());
    const rows = predicted.stdout.trim().split("\n").slice(1);
    const header = predicted.stdout.split("\n")[0]!.split(",");
    const [lo, hi] = [header.indexOf("lower"), header.indexOf("upper")];
    const widths = rows.map((row) => Number(row.split(",")[hi]) - Number(row.split(",")[lo]));
    const meanWidth = widths.reduce((a, b) => a + b, 0) / widths.length;
    expect(report.width["0.9"]).toBeCloseTo(meanWidth, 3);
  });
});

describe("rpf evaluate on an mse-head model", () => {
  const folder = useTrainedModel(TRAIN, "m.json", { "train.csv": table(120, 0), "test.csv": TEST_CSV });

  it("scores it with the epistemic std alone, and says so", async () => {
    const table = await evaluateIn(folder(), ["--model", "m.json", "--data", "test.csv"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/head mse: std is epistemic only/);
    const report = JSON.parse(
      (await evaluateIn(folder(), ["--model", "m.json", "--data", "test.csv", "--json"])).stdout,
    );
    expect(report).toMatchObject({ head: "mse", predictiveStd: "epistemic only", aleatoricStd: 0, aleatoricShare: 0 });
  });
});

describe("rpf evaluate on a model without column names (trained on toy data)", () => {
  const folder = useTrainedModel(["--members", "2", "--epochs", "20"], "toy.json", {
    "xy.csv": "u,v\n0,0.1\n0.5,0.4\n1,0.2\n",
    "wide.csv": "u,w,v\n0,1,0.1\n0.5,1,0.4\n",
  });

  it("takes the last column as the target and the others as inputs, as training does", async () => {
    const result = await evaluateIn(folder(), ["--model", "toy.json", "--data", "xy.csv", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ target: "v", n: 3 });
  });

  it("refuses a file with more input columns than the model takes", async () => {
    const result = await evaluateIn(folder(), ["--model", "toy.json", "--data", "wide.csv"]);
    expectOneLineError(result, 2, "wide.csv gives 2 input columns besides the target v (u, w); the model takes 1");
  });
});

/** A copy of the model file with spec.head set to `head` and a checksum that matches again. */
function withHead(text: string, head: string): string {
  const { checksum: _old, ...body } = JSON.parse(text) as Record<string, unknown> & { spec: Record<string, unknown> };
  body.spec = { ...body.spec, head };
  const checksum = `sha256:${createHash("sha256").update(canonicalJson(body)).digest("hex")}`;
  return JSON.stringify({ ...body, checksum });
}

describe("rpf evaluate refuses bad input in one line, writing nothing", () => {
  const files = {
    "missing-input.csv": "a,y\n0,1\n1,2\n",
    "missing-target.csv": "a,b\n0,1\n1,2\n",
    "non-numeric.csv": "a,b,y\n0,1,2\n1,x,3\n",
    "infinite.csv": "a,b,y\n0,1,2\n1,2,Infinity\n",
    "nan.csv": "a,b,y\nNaN,1,2\n1,2,3\n",
    "one-row.csv": "a,b,y\n0,1,2\n",
    "header-only.csv": "a,b,y\n",
    "present.txt": "a file where a folder is asked for\n",
  };
  const folder = useTrainedModel([...TRAIN.slice(0, 4), "--epochs", "5", "--head", "gaussian"], "model.json", {
    "train.csv": table(20, 0),
    ...files,
  });
  const before = () => listDir(folder());

  const M = ["--model", "model.json"];
  it.each([
    [
      "a missing input column",
      [...M, "--data", "missing-input.csv"],
      2,
      /missing-input\.csv's header gives columns a, y; the model's input columns are a, b \(missing b\)/,
    ],
    [
      "a missing target column",
      [...M, "--data", "missing-target.csv"],
      2,
      /missing-target\.csv has no column "y" \(y column\); its columns are: a, b/,
    ],
    [
      "--y-col naming an input",
      [...M, "--data", "missing-target.csv", "--y-col", "b"],
      2,
      /column "b" is one of the model's inputs/,
    ],
    [
      "a non-numeric cell",
      [...M, "--data", "non-numeric.csv"],
      1,
      /non-numeric\.csv line 3, column "b": "x" is not a number/,
    ],
    [
      "an infinite cell",
      [...M, "--data", "infinite.csv"],
      1,
      /infinite\.csv line 3, column "y": "Infinity" is not a finite number/,
    ],
    ["a NaN cell", [...M, "--data", "nan.csv"], 1, /nan\.csv line 2, column "a": "NaN" is not a finite number/],
    ["one data row", [...M, "--data", "one-row.csv"], 1, /one-row\.csv has 1 data row; evaluation needs at least 2/],
    ["no data rows", [...M, "--data", "header-only.csv"], 1, /header-only\.csv has a header but no data rows/],
    ["a missing data file", [...M, "--data", "absent.csv"], 1, /no such file: absent\.csv/],
    ["--model - with --data -", ["--model", "-", "--data", "-"], 2, /--model - and --data - both read stdin/],
  ])("%s", async (_case, args, code, message) => {
    const listed = await before();
    expectOneLineError(await evaluateIn(folder(), [...args, "--figures", "figs"]), code, message);
    expect(await listDir(folder())).toEqual(listed);
  });

  it.each([
    ["--figures -", "-", 2, /expected a folder; - \(stdout\) cannot hold several files/],
    ["--figures naming a file", "present.txt", 1, /present\.txt/],
  ])("%s", async (_case, figures, code, message) => {
    const listed = await before();
    const result = await evaluateIn(folder(), [...M, "--data", "train.csv", "--figures", figures]);
    expectOneLineError(result, code, message);
    expect(await listDir(folder())).toEqual(listed);
    expect(await readFile(join(folder(), "present.txt"), "utf8")).toBe(files["present.txt"]);
  });

  it("a model of another head", async () => {
    const text = await readFile(join(folder(), "model.json"), "utf8");
    const dir = join(folder(), "other-head");
    await mkdir(dir);
    await writeFile(join(dir, "model.json"), withHead(text, "poisson"));
    await writeFile(join(dir, "test.csv"), TEST_CSV);
    const result = await evaluateIn(dir, ["--model", "model.json", "--data", "test.csv", "--figures", "figs"]);
    expectOneLineError(result, 1, /head/, /poisson/);
    expect(await listDir(dir)).toEqual(["model.json", "test.csv"]);
  });
});
