import { describe, expect, it } from "vitest";
import { hook, usePlayground } from "./support/playground-page.js";

/** Mean std over |x| in [2, 5]: the spread where there is no data. */
function farStd(x: number[], std: number[]): number {
  const picked = std.filter((_, i) => Math.abs(x[i]!) >= 2 && Math.abs(x[i]!) <= 5);
  return picked.reduce((sum, s) => sum + s, 0) / picked.length;
}

describe("the notebook's experiments", () => {
  const open = usePlayground();

  it.each([
    ["Run β sweep", ["β = 0.001", "β = 5", "β = 50", "β = 100"]],
    [
      "Run prior × bootstrap ablation",
      [
        "prior (β = 50) and bootstrap",
        "prior (β = 50), no bootstrap",
        "bootstrap, no prior (β = 0)",
        "neither prior nor bootstrap",
      ],
    ],
  ])("%s trains four ensembles in the worker and draws them as small multiples", async (button, titles) => {
    // Fewer epochs than the notebook's 3000: the spreads order the same way long before.
    const page = await open({ epochs: "600" });
    await page.page.getByRole("button", { name: button }).click();
    await page.page.waitForFunction(() => window.rpfPlayground.status === "training");
    await page.page.waitForFunction(() => window.rpfPlayground.status !== "training", null, { timeout: 60_000 });
    const { status, experiment } = await hook(page);
    expect(status).toBe("done");
    expect(experiment!.cells.map((cell) => cell.title)).toEqual(titles);
    expect(await page.page.locator("#experiment-grid figcaption").allTextContents()).toEqual(titles);
    expect(await page.page.locator("#experiment-grid canvas").count()).toBe(4);
    const spreads = experiment!.cells.map((cell) => farStd(experiment!.x, cell.std!));
    console.log(`${button}: far std ${spreads.map((s) => s.toFixed(3)).join(", ")}`);
    if (button === "Run β sweep") {
      // The notebook: the spread away from the data grows with β.
      for (let i = 1; i < spreads.length; i++) expect(spreads[i]).toBeGreaterThan(spreads[i - 1]!);
    } else {
      // Without prior and bootstrap the members agree most: the most over-confident cell.
      expect(Math.min(...spreads)).toBe(spreads[3]);
    }
    page.expectNoErrors();
    await page.close();
  });
});
