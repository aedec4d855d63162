import { describe, expect, it } from "vitest";
import { clickPlotAt, hook, meanStd, train, usePlayground, valueAt } from "./support/playground-page.js";

describe("what the ensemble's spread shows", () => {
  const open = usePlayground();

  it("raising β widens the band far from the data, not on it", async () => {
    const page = await open({ beta: "0.001", epochs: "1000" });
    const small = await train(page);
    await page.page.getByLabel("Prior scale β", { exact: true }).fill("50");
    const large = await train(page);
    const far = (state: typeof small) => (meanStd(state, -5, -2) + meanStd(state, 2, 5)) / 2;
    console.log(`far std: β = 0.001 → ${far(small).toFixed(3)}, β = 50 → ${far(large).toFixed(3)}`);
    expect(far(large)).toBeGreaterThan(2 * far(small));
    // On the data both fit: the prior's extra spread stays where there is no data.
    expect(meanStd(large, 0, 0.5)).toBeLessThan(0.2 * far(large));
    page.expectNoErrors();
    await page.close();
  });

  it("points added at x = 2 by clicking the plot shrink the spread there after retraining", async () => {
    const page = await open();
    await page.page.getByText("Wide", { exact: true }).click();
    const before = await train(page);
    const stdBefore = valueAt(before, before.prediction!.std, 2);
    const meanAt2 = valueAt(before, before.prediction!.mean, 2);

    // Three clicks at (2, the current mean there): with resampling, each member then sees x = 2
    // with probability 1 − 0.37³ ≈ 0.95.
    for (let i = 0; i < 3; i++) await clickPlotAt(page, 2, meanAt2);
    expect((await hook(page)).dataPoints).toBe(103);
    // Shift-click removes the nearest point, alt-click too; then one more click puts it back.
    await clickPlotAt(page, 2, meanAt2, ["Shift"]);
    expect((await hook(page)).dataPoints).toBe(102);
    await clickPlotAt(page, 2, meanAt2);
    expect(await page.page.locator("#data-summary").textContent()).toContain("103 points");

    const after = await train(page);
    const stdAfter = valueAt(after, after.prediction!.std, 2);
    console.log(`std at x = 2: ${stdBefore.toFixed(3)} before, ${stdAfter.toFixed(3)} after three points there`);
    expect(stdAfter).toBeLessThan(0.5 * stdBefore);
    page.expectNoErrors();
    await page.close();
  });
});
