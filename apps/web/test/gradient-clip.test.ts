import { describe, expect, it } from "vitest";
import { train, usePlayground } from "./support/playground-page.js";

describe("the gradient clipping control", () => {
  const open = usePlayground();

  it("is off when blank, changes training when it bites, and refuses a norm that is not > 0", async () => {
    const page = await open({ epochs: "300" });
    const controls = page.page;
    const free = await train(page);
    await controls.getByLabel("Gradient clip", { exact: true }).fill("0.001");
    const clipped = await train(page);
    const largest = Math.max(...free.prediction!.mean.map((v, i) => Math.abs(v - clipped.prediction!.mean[i]!)));
    console.log(`largest change of the mean from clipping at 0.001: ${largest.toFixed(4)}`);
    expect(largest).toBeGreaterThan(1e-3);

    await controls.getByLabel("Gradient clip", { exact: true }).fill("0");
    await expect(controls.locator("#field-clipNorm-error").textContent()).resolves.toBe(
      'Gradient clip must be a number above 0 (blank: no clipping); got "0"',
    );
    await controls.getByLabel("Gradient clip", { exact: true }).fill("");
    expect(await controls.locator("#field-clipNorm-error").isHidden()).toBe(true);
    page.expectNoErrors();
    await page.close();
  });
});
