import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, it } from "vitest";
import { train, usePlayground } from "./support/playground-page.js";

/** The folder to write the 2D view's pictures to; unset, this file is skipped. */
const target = process.env.RPF_CLASSIFICATION_SCREENSHOTS;

describe.runIf(target)("screenshots of the 2D classification view", () => {
  const open = usePlayground();

  it.each([
    ["desktop", { viewport: { width: 1440, height: 900 } }],
    ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
  ] as const)(
    "%s: trains on the spiral with some noise and takes the first screen and the whole page",
    async (name, device) => {
      const page = await open({ epochs: "1500", hidden: "16,16" }, device);
      await page.page.getByText("2D classification").click();
      await page.page.locator("#class-dataset").selectOption("spiral");
      await page.page.locator("#class-noise").fill("10");
      await train(page, 300_000);
      await page.page.evaluate(() => window.scrollTo(0, 0));
      const folder = resolve(target!);
      await mkdir(folder, { recursive: true });
      await page.page.screenshot({ path: resolve(folder, `${name}.png`) });
      await page.page.screenshot({ path: resolve(folder, `${name}-full.png`), fullPage: true });
      page.expectNoErrors();
      await page.close();
    },
    400_000,
  );
});
