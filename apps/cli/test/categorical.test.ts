import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, tempDir, useTrainedModel } from "./run-cli.js";

/** Three well-apart clusters in the plane, labelled by name; `offset` varies the points. */
const CENTRES: Record<string, [number, number]> = { setosa: [-2, 0], versicolor: [2, 0], virginica: [0, 3] };

function clusters(perClass: number, offset: number, label: (name: string) => string = (name) => name): string {
  const lines = ["a,b,species"];
  for (let i = 0; i < perClass; i++) {
    // Rows interleave the classes, so the labels do not come sorted.
    for (const [name, [ca, cb]] of Object.entries(CENTRES).reverse()) {
      const a = ca + 0.5 * Math.sin(12.9898 * (i + offset) + ca);
      const b = cb + 0.5 * Math.cos(78.233 * (i + offset) + cb);
      lines.push(`${a.toFixed(4)},${b.toFixed(4)},${label(name)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const TRAIN = [
  "--data",
  "train.csv",
  "--head",
  "categorical",
  "--y-col",
  "species",
  "--members",
  "3",
  "--hidden",
  "16",
  "--epochs",
  "200",
  "--lr",
  "0.01",
  "--backend",
  "matrix",
];
const MATRIX = ["--backend", "matrix"];
const CLASSES = ["setosa", "versicolor", "virginica"];
const COLUMNS = [
  "a",
  "b",
  "p_setosa",
  "p_versicolor",
  "p_virginica",
  "label",
  "entropy",
  "aleatoric_entropy",
  "mutual_information",
];

const folder = useTrainedModel(TRAIN, "iris.json", {
  "train.csv": clusters(30, 0),
  "test.csv": clusters(10, 100),
  "unseen.csv": `${clusters(2, 7).trimEnd()}\n0.1,0.2,setosa-like\n`,
});

/** The rows of a CSV as records of its header's columns. */
function records(csv: string): Record<string, string>[] {
  const [header, ...rows] = csv.trimEnd().split("\n");
  const names = header!.split(",");
  return rows.map((row) => Object.fromEntries(row.split(",").map((cell, i) => [names[i]!, cell])));
}

describe("rpf train --head categorical", () => {
  it("stores the sorted classes in a format-version-3 model of K outputs", async () => {
    const file = JSON.parse(await readFile(join(folder(), "iris.json"), "utf8"));
    expect(file.formatVersion).toBe(3);
    expect(file.classes).toEqual(CLASSES);
    expect(file.spec).toMatchObject({ head: "categorical", outputSize: 3, inputSize: 2 });
    expect(file.columns).toEqual({ x: ["a", "b"], y: "species" });
  });

  it("numbers integer labels numerically (1, 2, 10) and says so in --json", async () => {
    const numbers: Record<string, string> = { setosa: "10", versicolor: "2", virginica: "1" };
    await writeFile(
      join(folder(), "numbers.csv"),
      clusters(5, 3, (name) => numbers[name]!),
    );
    const args = [...TRAIN.slice(2, 6), "--members", "2", "--epochs", "5", "--json", "--quiet", ...MATRIX];
    const result = await runCli(["train", "--data", "numbers.csv", ...args, "--out", "numbers.json"], folder());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).classes).toEqual(["1", "2", "10"]);
    const predicted = await runCli(
      ["predict", "--model", "numbers.json", "--input", "numbers.csv", ...MATRIX],
      folder(),
    );
    expect(predicted.stdout.split("\n")[0]).toBe("a,b,p_1,p_2,p_10,label,entropy,aleatoric_entropy,mutual_information");
  });
});

describe("rpf predict on a categorical model", () => {
  it("writes p_<label> per class, label, entropy, aleatoric_entropy and mutual_information", async () => {
    const result = await runCli(["predict", "--model", "iris.json", "--input", "test.csv", ...MATRIX], folder());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(COLUMNS.join(","));
    const rows = records(result.stdout);
    const truth = records(await readFile(join(folder(), "test.csv"), "utf8"));
    expect(rows).toHaveLength(30);
    let right = 0;
    for (const [i, row] of rows.entries()) {
      const p = CLASSES.map((name) => Number(row[`p_${name}`]));
      expect(p.reduce((sum, v) => sum + v, 0)).toBeCloseTo(1, 5);
      // label is the most probable class; the entropy splits into its two parts.
      expect(row.label).toBe(CLASSES[p.indexOf(Math.max(...p))]);
      const [h, aleatoric, mi] = [row.entropy, row.aleatoric_entropy, row.mutual_information].map(Number);
      expect(h! - aleatoric!).toBeCloseTo(mi!, 5);
      expect(mi).toBeGreaterThanOrEqual(0);
      if (row.label === truth[i]!.species) right += 1;
    }
    expect(right / rows.length).toBeGreaterThanOrEqual(0.9);
  });

  it("writes the same as JSON: classes, probabilities per row, label and the entropies", async () => {
    const args = ["predict", "--model", "iris.json", "--input", "test.csv", ...MATRIX];
    const csv = records((await runCli(args, folder())).stdout);
    const result = await runCli([...args, "--format", "json"], folder());
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.classes).toEqual(CLASSES);
    expect(json.columns).toEqual(["a", "b"]);
    expect(json.probabilities[4]).toEqual(CLASSES.map((name) => Number(csv[4]![`p_${name}`])));
    expect(json.label).toEqual(csv.map((row) => row.label));
    expect(json.mutual_information).toEqual(csv.map((row) => Number(row.mutual_information)));
  });

  it.each([
    [["--level", "0.9"], "--level"],
    [["--sigmas", "2"], "--sigmas"],
    [["--std-parts"], "--std-parts"],
    [["--members-out"], "--members-out"],
  ])("refuses regression output options %j, writing nothing", async (options, flag) => {
    const before = await listDir(folder());
    const args = ["predict", "--model", "iris.json", "--input", "test.csv", ...options, "--out", "p.csv"];
    const result = await runCli(args, folder());
    expectOneLineError(result, 2, flag, "this model is categorical (3 classes)", "class probabilities");
    expect(await listDir(folder())).toEqual(before);
  });
});

describe("rpf evaluate on a categorical model", () => {
  it("prints accuracy, NLL, Brier, ECE and the entropies, agreeing with predict's probabilities", async () => {
    const result = await runCli(
      ["evaluate", "--model", "iris.json", "--data", "test.csv", "--json", ...MATRIX],
      folder(),
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ head: "categorical", n: 30, classCount: 3, classes: CLASSES, target: "species" });
    expect(report.reliability).toHaveLength(15);
    expect(report.reliability.reduce((sum: number, bin: { count: number }) => sum + bin.count, 0)).toBe(30);
    // The same numbers from predict's CSV, computed here.
    const rows = records(
      (await runCli(["predict", "--model", "iris.json", "--input", "test.csv", ...MATRIX], folder())).stdout,
    );
    const truth = records(await readFile(join(folder(), "test.csv"), "utf8")).map((row) => row.species!);
    const accuracy = rows.filter((row, i) => row.label === truth[i]).length / rows.length;
    const nll = rows.reduce((sum, row, i) => sum - Math.log(Number(row[`p_${truth[i]}`])), 0) / rows.length;
    const brier =
      rows.reduce(
        (sum, row, i) =>
          sum + CLASSES.reduce((s, name) => s + (Number(row[`p_${name}`]) - (name === truth[i] ? 1 : 0)) ** 2, 0),
        0,
      ) / rows.length;
    expect(report.accuracy).toBe(accuracy);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.nll).toBeCloseTo(nll, 5);
    expect(report.brier).toBeCloseTo(brier, 5);
    expect(report.ece).toBeGreaterThanOrEqual(0);
    expect(report.ece).toBeLessThanOrEqual(1);
    expect(report.entropy - report.aleatoric_entropy).toBeCloseTo(report.mutual_information, 5);
  });

  it("prints a readable table, and draws the reliability diagram with --figures", async () => {
    const args = ["evaluate", "--model", "iris.json", "--data", "test.csv", "--figures", "figs", ...MATRIX];
    const result = await runCli(args, folder());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^test\.csv: 30 rows, target species; head categorical, 3 classes: setosa, versicolor, virginica\n/,
    );
    for (const name of ["accuracy", "nll", "brier", "ece"])
      expect(result.stdout).toMatch(new RegExp(`^${name} +\\d`, "m"));
    expect(result.stdout).toMatch(/mean entropy [\d.e-]+ nats = aleatoric [\d.e-]+ \+ mutual information [\d.e-]+/);
    expect(await listDir(join(folder(), "figs"))).toEqual(["reliability.png", "reliability.svg"]);
    expect(await readFile(join(folder(), "figs", "reliability.svg"), "utf8")).toContain("Reliability diagram (ECE");
  });

  it("names a label the model never saw, with its line, and writes nothing", async () => {
    const args = ["evaluate", "--model", "iris.json", "--data", "unseen.csv", "--figures", "unseen-figs", ...MATRIX];
    const result = await runCli(args, folder());
    expectOneLineError(
      result,
      1,
      'unseen.csv line 8, column "species": label "setosa-like"',
      '("setosa", "versicolor", "virginica")',
    );
    expect(await listDir(folder())).not.toContain("unseen-figs");
  });
});

describe("rpf predict --probabilities on a regression model", () => {
  const regression = useTrainedModel(["--members", "1", "--epochs", "2"], "r.json");

  it("is refused as a usage error naming the head, writing nothing", async () => {
    const before = await listDir(regression());
    const result = await runCli(
      ["predict", "--model", "r.json", "--x=-1:1:3", "--probabilities", "--out", "p.csv"],
      regression(),
    );
    expectOneLineError(result, 2, "--probabilities needs a model trained with --head categorical", "head is mse");
    expect(await listDir(regression())).toEqual(before);
  });
});

describe("a format-version-3 model file through rpf predict", () => {
  it("predicts bit for bit what its writer predicted", async () => {
    const fixtures = join(import.meta.dirname, "../../../packages/core/test/fixtures");
    const dir = await tempDir();
    await copyFile(join(fixtures, "model-format-v3.json"), join(dir, "model.json"));
    const result = await runCli(["predict", "--model", "model.json", "--x=-1:1:5", "--format", "json", ...MATRIX], dir);
    expect(result.stderr).toBe("");
    const now = JSON.parse(result.stdout);
    const written = JSON.parse(await readFile(join(fixtures, "model-format-v3.predictions.json"), "utf8"));
    expect(now.probabilities.flat()).toEqual(written.probabilities);
    for (const key of ["x", "label", "entropy", "aleatoric_entropy", "mutual_information"])
      expect(now[key], key).toEqual(written[key]);
  });
});
