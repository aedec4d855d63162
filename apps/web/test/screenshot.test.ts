import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { train, usePlayground } from "./support/playground-page.js";

/** Where to write the picture (relative to the working directory); unset, this file is skipped. */
const target = process.env.RPF_PLAYGROUND_SCREENSHOT;

describe.runIf(target)("the playground screenshot (docs/playground.png)", () => {
  const open = usePlayground();

  it("trains the notebook's ensemble, runs the β sweep and takes a picture", async () => {
    const page = await open();
    await page.page.setViewportSize({ width: 1500, height: 1000 });
    await train(page);
    await page.page.locator("#member").selectOption({ label: "3" });
    await page.page.getByRole("button", { name: "Run β sweep" }).click();
    await page.page.waitForFunction(() => window.rpfPlayground.status === "training");
    await page.page.waitForFunction(() => window.rpfPlayground.status === "done", null, { timeout: 120_000 });
    await page.page.evaluate(() => window.scrollTo(0, 0));
    const path = resolve(target!);
    await page.page.screenshot({ path, fullPage: true });
    console.log(`wrote ${path}`);
    page.expectNoErrors();
    expect(page.problems).toHaveLength(0);
    await page.close();
  }, 180_000);
});
