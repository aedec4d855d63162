import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listDir, runCli, tempDir } from "./run-cli.js";

const FIGURES = ["1-data", "2-single-model", "3-ensemble-members", "4-beta-sweep", "5-prior-bootstrap-ablation"];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("rpf reproduce --quick", () => {
  it("writes the five figures as SVG and PNG and a summary whose checks all pass", async () => {
    const dir = await tempDir();
    const result = await runCli(["reproduce", "--quick", "--out", "figures"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^reproduced 5 experiments in .+: 10 figures and summary\.json in figures\n$/);

    const out = join(dir, "figures");
    const expected = [...FIGURES.flatMap((name) => [`${name}.png`, `${name}.svg`]), "summary.json"].sort();
    expect(await listDir(out)).toEqual(expected);
    for (const name of FIGURES) {
      expect((await readFile(join(out, `${name}.svg`), "utf8")).trimStart()).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);
      expect((await readFile(join(out, `${name}.png`))).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    }

    const summary = JSON.parse(await readFile(join(out, "summary.json"), "utf8"));
    expect(summary.quick).toBe(true);
    expect(summary.checks).toHaveLength(3);
    expect(summary.checks.filter((check: { pass: boolean }) => !check.pass)).toEqual([]);
  });
});
