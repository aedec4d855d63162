import { describe, expect, it } from "vitest";
import { expectOneLineError, runCli, tempDir } from "./run-cli.js";

interface Cell {
  maxAbs: number;
  maxRel: number;
  tolerance: number;
  pass: boolean;
}

describe("rpf conformance", () => {
  it("--quick --json compares tfjs:wasm with matrix stage by stage and passes", async () => {
    const result = await runCli(
      ["conformance", "--quick", "--json", "--backends", "matrix,tfjs:wasm"],
      await tempDir(),
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      reference: string;
      float32Floor: { mean: number; std: number };
      rows: { backend: string; pass: boolean; init: Cell; hundredSteps: Cell }[];
    };
    expect(report.reference).toBe("matrix");
    expect(report.float32Floor.std).toBeGreaterThan(0);
    expect(report.rows.map((r) => r.backend)).toEqual(["matrix", "tfjs:wasm"]);
    const [matrix, wasm] = report.rows;
    expect(matrix!.init.maxAbs).toBe(0);
    expect(wasm!.init.maxAbs).toBeGreaterThan(0);
    expect(wasm!.init.maxAbs).toBeLessThanOrEqual(1e-5);
    expect(wasm!.hundredSteps.maxRel).toBeLessThanOrEqual(1e-4);
    expect(wasm!.pass).toBe(true);
  });

  it("prints a table with one row per backend", async () => {
    const result = await runCli(["conformance", "--quick", "--backends", "matrix,matrix-f32"], await tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/float32 floor \(matrix-f32 vs matrix/);
    expect(result.stdout).toMatch(/^matrix-f32 .* pass\s*$/m);
  });

  it("an unknown backend is a usage error", async () => {
    const result = await runCli(["conformance", "--quick", "--backends", "matrix,nope"], await tempDir());
    expectOneLineError(result, 2, /unknown backend "nope"/);
  });
});
