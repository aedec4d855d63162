import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./run-cli.js";

interface Spread {
  stdInsideData: number;
  stdFarFromData: number;
}

describe("rpf reproduce (the notebook's full epochs)", () => {
  it.each(["matrix", "tfjs:wasm"])("shows the seed notebook's behaviour in summary.json on %s", async (backend) => {
    const dir = await tempDir();
    const result = await runCli(["reproduce", "--out", "figures", "--backend", backend], dir);
    expect(result.code).toBe(0);
    const summary = JSON.parse(await readFile(join(dir, "figures", "summary.json"), "utf8"));
    expect(summary.quick).toBe(false);
    expect(summary.backend).toBe(backend);

    const ensemble: Spread & { trainingMsePerMember: number[] } = summary.ensemble;
    expect(ensemble.stdFarFromData).toBeGreaterThanOrEqual(5 * ensemble.stdInsideData);
    expect(ensemble.trainingMsePerMember).toHaveLength(9);

    const sweep: (Spread & { beta: number })[] = summary.betaSweep;
    expect(sweep.map((run) => run.beta)).toEqual([0.001, 5, 50, 100]);
    for (let i = 1; i < sweep.length; i++)
      expect(sweep[i]!.stdFarFromData).toBeGreaterThan(sweep[i - 1]!.stdFarFromData);

    const ablation: (Spread & { cell: string })[] = summary.ablation;
    expect(ablation).toHaveLength(4);
    const smallest = ablation.reduce((least, cell) => (cell.stdFarFromData < least.stdFarFromData ? cell : least));
    expect(smallest.cell).toBe("no prior, no bootstrap");
  });
});
