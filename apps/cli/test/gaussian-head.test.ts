import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatFloat32 } from "@rpf/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir, trainSmallModel } from "./run-cli.js";

/** Core's committed model files of every format version, with their writer's predictions. */
const CORE_FIXTURES = join(import.meta.dirname, "..", "..", "..", "packages", "core", "test", "fixtures");

let dir: string;
let model: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rpf-cli-gaussian-"));
  model = await trainSmallModel(dir, "gaussian.json", [
    "--head",
    "gaussian",
    "--standardize",
    "xy",
    "--variance-floor",
    "1e-4",
    "--weight-decay",
    "0.001",
  ]);
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(args: readonly string[]): Promise<string> {
  const result = await runCli(args, dir);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

describe("rpf train --head gaussian", () => {
  it("records the head, the variance floor and the weight decay in a format-version-2 model", async () => {
    const file = JSON.parse(await readFile(model, "utf8"));
    expect(file.formatVersion).toBe(2);
    expect(file.spec).toMatchObject({ head: "gaussian", varianceFloor: 1e-4, weightDecay: 0.001 });
  });

  it("help shows the defaults as typed", async () => {
    const help = await run(["train", "--help"]);
    expect(help).toMatch(/--head <name>[\s\S]*one of:\s+mse,\s+gaussian,\s+categorical;\s+default:\s+mse\)/);
    expect(help).toMatch(/--variance-floor <v>[\s\S]*\(default:\s+1e-6\)/);
    expect(help).toMatch(/--weight-decay <λ\|auto>[\s\S]*\(default:\s+0\)/);
  });
});

describe("rpf predict with a Gaussian-head model", () => {
  it("CSV: aleatoric_std and epistemic_std after std, shortest float32, std² = aleatoric² + epistemic²", async () => {
    const [header, ...lines] = (await run(["predict", "--model", model, "--x=-1:1:5"])).trimEnd().split("\n");
    expect(header).toBe("x,mean,std,aleatoric_std,epistemic_std,lower,upper");
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      const cells = line.split(",");
      for (const cell of cells.slice(1, 5)) expect(formatFloat32(Number(cell))).toBe(cell);
      const [std, aleatoric, epistemic] = cells.slice(2, 5).map(Number) as [number, number, number];
      expect(aleatoric).toBeGreaterThan(0);
      expect(Math.hypot(aleatoric, epistemic)).toBeCloseTo(std, 5);
    }
  });

  it("JSON: aleatoric_std and epistemic_std lists, the same numbers as the CSV", async () => {
    const json = JSON.parse(await run(["predict", "--model", model, "--x=-1:1:5", "--format", "json"]));
    const csv = (await run(["predict", "--model", model, "--x=-1:1:5"])).trimEnd().split("\n").slice(1);
    expect(json.aleatoric_std).toEqual(csv.map((line) => Number(line.split(",")[3])));
    expect(json.epistemic_std).toEqual(csv.map((line) => Number(line.split(",")[4])));
  });

  it("--no-std-parts leaves them out", async () => {
    const header = (await run(["predict", "--model", model, "--x=0:1:2", "--no-std-parts"])).split("\n")[0];
    expect(header).toBe("x,mean,std,lower,upper");
  });

  it("rpf export writes an ONNX file that predicts the same columns within 1e-4", async () => {
    const exported = await runCli(["export", "--model", model, "--out", "gaussian.onnx"], dir);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^exported .* to gaussian.onnx as onnx\n$/);
    const args = ["--x=-2:3:11", "--format", "json"];
    const viaMatrix = JSON.parse(await run(["predict", "--model", model, "--backend", "matrix", ...args]));
    const viaOnnx = JSON.parse(await run(["predict", "--model", "gaussian.onnx", "--backend", "onnx:cpu", ...args]));
    for (const key of ["mean", "std", "aleatoric_std", "epistemic_std"]) {
      const worst = Math.max(...viaOnnx[key].map((v: number, i: number) => Math.abs(v - viaMatrix[key][i])));
      expect(worst, key).toBeLessThan(1e-4);
    }
  });
});

describe("model files of earlier format versions through rpf predict", () => {
  it.each(["model-format-v1", "model-format-v2"])("%s predicts bit for bit what its writer predicted", async (name) => {
    const folder = await tempDir();
    await copyFile(join(CORE_FIXTURES, `${name}.json`), join(folder, "model.json"));
    const result = await runCli(
      // The writers' interval was mean ∓ 2·std, then the default; --sigmas 2 asks for it.
      ["predict", "--model", "model.json", "--x=-1:1:5", "--format", "json", "--backend", "matrix", "--sigmas", "2"],
      folder,
    );
    expect(result.code).toBe(0);
    const written = JSON.parse(await readFile(join(CORE_FIXTURES, `${name}.predictions.json`), "utf8"));
    const now = JSON.parse(result.stdout);
    // v1's writer printed each float32 in full (float64 text); v2's in shortest form. Both
    // read back as the same float32 bits.
    for (const key of Object.keys(written)) {
      const values = Array.isArray(written[key]) ? written[key] : [written[key]];
      const current = Array.isArray(now[key]) ? now[key] : [now[key]];
      expect(
        current.map((v: unknown) => (typeof v === "number" ? Math.fround(v) : v)),
        key,
      ).toEqual(values.map((v: unknown) => (typeof v === "number" ? Math.fround(v) : v)));
    }
    expect(Object.keys(now).sort()).toEqual(Object.keys(written).sort());
  });
});
