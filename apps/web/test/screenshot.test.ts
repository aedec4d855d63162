import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { train, usePlayground } from "./support/playground-page.js";

/** Where to write the picture (relative to the working directory); unset, this file is skipped. */
const target = process.env.RPF_PLAYGROUND_SCREENSHOT;

describe.runIf(target)("the playground screenshot (docs/playground.png)", () => {
  const open = usePlayground();

  it("trains the notebook's ensemble and takes a picture of the first screen at 1440×900", async () => {
    const page = await open({}, { viewport: { width: 1440, height: 900 } });
    await train(page);
    await page.page.locator("#member").selectOption({ label: "3" });
    await page.page.evaluate(() => window.scrollTo(0, 0));
    const path = resolve(target!);
    await page.page.screenshot({ path });
    console.log(`wrote ${path}`);
    page.expectNoErrors();
    expect(page.problems).toHaveLength(0);
    await page.close();
  }, 180_000);
});
