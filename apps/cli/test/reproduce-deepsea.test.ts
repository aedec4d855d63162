import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listDir, runCli, tempDir } from "./run-cli.js";

describe("rpf reproduce deepsea", () => {
  // The whole --quick sweep takes tens of seconds on a shared 2-core machine (docs/deepsea.md);
  // one small size runs the same code path: both agents, the criterion, the figure and the JSON.
  it("--quick --json --sizes 3: prints, for each agent (beta) and size (n), the episodes used and whether it learned", async () => {
    const dir = await tempDir();
    const result = await runCli(["reproduce", "deepsea", "--quick", "--json", "--sizes", "3", "--out", "out"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.cells.map((c: { beta: number; n: number }) => [c.beta, c.n])).toEqual([
      [3, 3],
      [0, 3],
    ]);
    for (const cell of report.cells) {
      expect(typeof cell.learned).toBe("boolean");
      expect(Number.isInteger(cell.episodes) && cell.episodes >= 1 && cell.episodes <= report.budget).toBe(true);
      expect(cell.runs.map((r: { seed: number }) => r.seed)).toEqual(report.seeds);
    }
    expect(report.criterion).toMatch(/< 0\.9/);
    expect(await listDir(join(dir, "out"))).toEqual(["deepsea.json", "deepsea.png", "deepsea.svg"]);
    expect(JSON.parse(await readFile(join(dir, "out", "deepsea.json"), "utf8"))).toEqual(report);
  });

  it.each([
    // commander refuses a name outside the reproduce table, naming it and the accepted ones.
    [["reproduce", "maze"], /maze.*notebook, classification, deepsea/],
    [["reproduce", "deepsea", "--sizes", ""], /--sizes is empty/],
    [["reproduce", "deepsea", "--sizes", "4,x"], /whole numbers separated by commas/],
    [["reproduce", "deepsea", "--sizes", "4,-2"], /whole numbers separated by commas/],
    [["reproduce", "deepsea", "--sizes", "1"], /from 2 to 64, got 1/],
    [["reproduce", "deepsea", "--sizes", "65"], /from 2 to 64, got 65/],
    [["reproduce", "deepsea", "--sizes", "4,4"], /given twice/],
    [["reproduce", "deepsea", "--backend", "tfjs"], /backend-matrix only/],
    [["reproduce", "--sizes", "4"], /--sizes belongs to rpf reproduce deepsea/],
  ])("%j: one line, exit 2, nothing written", async (args, message) => {
    const dir = await tempDir();
    const result = await runCli([...args, "--out", "out"], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(await listDir(dir)).toEqual([]);
  });

  it("--json: a refusal is one line of JSON on stderr", async () => {
    const dir = await tempDir();
    const result = await runCli(["reproduce", "deepsea", "--json", "--sizes", ""], dir);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toMatchObject({ name: "InvalidArgumentError", details: { field: "sizes" } });
  });
});
