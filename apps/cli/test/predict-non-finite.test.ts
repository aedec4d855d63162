import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, tempDir, useTrainedModel } from "./run-cli.js";

/** The toy ensemble of issue #11 item 4 (9 members, β = 3, 300 epochs, seed 0). */
const TOY = ["--members", "9", "--beta", "3", "--epochs", "300", "--seed", "0"];
const FLOAT32_MAX = 3.4028234663852886e38;
const ROW_ERROR = /^rpf: error: the ensemble's outputs at input rows? \d/;

let folder: () => string;

function predict(args: readonly string[]) {
  return runCli(["predict", "--model", "toy.json", ...args], folder());
}

/** Every number a CSV or JSON prediction holds, as text (so "NaN", "Infinity" and null show up). */
function cellsOf(stdout: string, format: "csv" | "json"): string[] {
  if (format === "csv")
    return stdout
      .trimEnd()
      .split("\n")
      .slice(1)
      .flatMap((line) => line.split(","));
  const values: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(walk);
    else if (typeof value !== "string") values.push(String(value));
  };
  walk(JSON.parse(stdout));
  return values;
}

describe("rpf predict never reports a non-finite value as success (issue #11 item 4)", () => {
  folder = useTrainedModel(TOY, "toy.json");

  it("gives backend-matrix's finite answer at x = 1e38 on the default backend and on onnx (once NaN / null)", async () => {
    const matrix = await predict(["--x=1e38:1e38:1", "--format", "json", "--backend", "matrix"]);
    expect(matrix.code).toBe(0);
    const reference = JSON.parse(matrix.stdout);
    expect(Number.isFinite(reference.mean[0])).toBe(true);
    expect(reference.mean[0]).toBeGreaterThan(1e37);
    for (const backend of ["auto", "onnx:cpu", "onnx:wasm"]) {
      const result = await predict(["--x=1e38:1e38:1", "--format", "json", "--backend", backend]);
      expect(result.code, backend).toBe(0);
      expect(JSON.parse(result.stdout), backend).toEqual(reference);
    }
  });

  it.each(["auto", "matrix", "onnx:cpu", "tfjs:cpu", "tfjs:wasm"])(
    "refuses x = -1e38, whose true outputs exceed float32, on %s: exit 1, the row named, nothing written",
    async (backend) => {
      const before = await listDir(folder());
      const result = await predict(["--x=-1e38:-1e38:1", "--backend", backend, "--out", "p.csv"]);
      expectOneLineError(result, 1, /outputs at input row 1 \(x = -1e\+38\) are not finite/);
      expect(await listDir(folder())).toEqual(before);
    },
  );

  it("refuses on tfjs at x = 1e38, where its float32 sums overflow, rather than print NaN", async () => {
    expectOneLineError(await predict(["--x=1e38:1e38:1", "--backend", "tfjs:cpu"]), 1, /row 1 \(x = 1e\+38\)/);
  });

  it("prints only finite numbers with exit 0, or one error line with exit 1, for extreme inputs on any backend (property)", async () => {
    const extreme = fc.oneof(
      fc.double({ min: -FLOAT32_MAX, max: FLOAT32_MAX, noNaN: true }),
      fc.constantFrom(FLOAT32_MAX, -FLOAT32_MAX, 1e38, -1e38, 1e30, -1e30, 1e-30, 0),
      fc.double({ min: -10, max: 10, noNaN: true }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(extreme, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("auto", "onnx:cpu", "tfjs:cpu"),
        fc.constantFrom("csv" as const, "json" as const),
        fc.boolean(),
        async (values, backend, format, membersOut) => {
          await writeFile(join(folder(), "extreme.csv"), `x\n${values.map((v) => Math.fround(v)).join("\n")}\n`);
          const result = await predict([
            "--input",
            "extreme.csv",
            "--backend",
            backend,
            "--format",
            format,
            ...(membersOut ? ["--members-out"] : []),
          ]);
          if (result.code === 0) {
            const cells = cellsOf(result.stdout, format);
            expect(cells.length).toBeGreaterThan(0);
            for (const cell of cells) expect(Number.isFinite(Number(cell)), `${cell} in ${result.stdout}`).toBe(true);
          } else {
            expect(result.code).toBe(1);
            expect(result.stdout).toBe("");
            expect(result.stderr).toMatch(ROW_ERROR);
          }
        },
      ),
      { numRuns: 6 },
    );
  }, 300_000);
});

describe("rpf train never writes a non-finite training report", () => {
  it("refuses targets whose losses exceed float32 (once a model with null losses that could not be read back)", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "big.csv"), "x,y\n0,1e20\n1,-1e20\n0.5,3e20\n");
    const result = await runCli(
      ["train", "--data", "big.csv", "--members", "2", "--epochs", "3", "--json", "--quiet", "--out", "big.json"],
      dir,
    );
    // With --json the one line is the serialized error.
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\{.*\}\n$/);
    const failure = JSON.parse(result.stderr) as { name: string; message: string; details: { field: string } };
    expect(failure).toMatchObject({ name: "NonFiniteOutputError", details: { field: "data.y" } });
    expect(failure.message).toMatch(/^member 0's training loss in epoch 1 is beyond float32's range.*--standardize xy/);
    expect(await listDir(dir)).toEqual(["big.csv"]);
  });
});
