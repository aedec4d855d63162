import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listDir, runCli, tempDir } from "./run-cli.js";

const SETS = ["circle", "xor", "clusters", "spiral"];
const CELLS = ["prior and bootstrap", "prior, no bootstrap", "bootstrap, no prior", "no prior, no bootstrap"];

describe("rpf reproduce classification --quick --json", () => {
  it("writes a figure per set and a summary of every cell whose checks pass", async () => {
    const dir = await tempDir();
    const first = await runCli(["reproduce", "classification", "--quick", "--json", "--out", "a"], dir);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);

    const expected = [
      ...SETS.flatMap((name) => [`classification-${name}.png`, `classification-${name}.svg`]),
      "summary.json",
    ];
    expect(await listDir(join(dir, "a"))).toEqual(expected.sort());
    const summary = JSON.parse(first.stdout);
    expect(JSON.parse(await readFile(join(dir, "a", "summary.json"), "utf8"))).toEqual(summary);
    expect(summary).toMatchObject({ experiment: "classification", quick: true });
    expect(summary.cells.map((c: { dataset: string; cell: string }) => `${c.dataset}/${c.cell}`)).toEqual(
      SETS.flatMap((set) => CELLS.map((cell) => `${set}/${cell}`)),
    );
    for (const cell of summary.cells) {
      expect(cell.meanMiOnData).toBeGreaterThanOrEqual(0);
      expect(cell.meanMiOnRing).toBeGreaterThanOrEqual(0);
      expect(cell.meanMiOnRing).toBeLessThanOrEqual(Math.LN2);
    }
    expect(summary.checks.filter((check: { pass: boolean }) => !check.pass)).toEqual([]);
  }, 400_000);

  it("refuses an experiment it does not know, naming the known ones, and writes nothing", async () => {
    const dir = await tempDir();
    const result = await runCli(["reproduce", "nope", "--out", "x"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^rpf: error: .*nope.*notebook, classification/);
    expect(await listDir(dir)).toEqual([]);
  });
});
