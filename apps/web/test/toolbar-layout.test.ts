import type { OpenedPage } from "@rpf/browser-testing";
import { describe, expect, it } from "vitest";
import { train, usePlayground } from "./support/playground-page.js";

const SIZES = [
  [1440, 900],
  [390, 844],
] as const;

const TOOLBAR = ["#train", "#stop", "#progress", "#status-line"];

/** The toolbar's parts that are not wholly inside the viewport as it is scrolled now. */
function outOfView(page: OpenedPage): Promise<string[]> {
  return page.run(
    (selectors) =>
      selectors.filter((selector) => {
        const box = document.querySelector(selector)!.getBoundingClientRect();
        return box.width === 0 || box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth;
      }),
    TOOLBAR,
  );
}

/** Each visible select's widest option against the room the closed select gives its text. */
function selectFits(page: OpenedPage) {
  return page.run(() => {
    const context = document.createElement("canvas").getContext("2d")!;
    // Chromium's drop-down arrow and its margin.
    const ARROW_PX = 20;
    return Array.from(document.querySelectorAll("select"))
      .filter((select) => select.getClientRects().length > 0)
      .map((select) => {
        const style = getComputedStyle(select);
        context.font = style.font;
        const widest = Math.max(...Array.from(select.options, (o) => context.measureText(o.text).width));
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - ARROW_PX;
        return { id: select.id, widest: Math.ceil(widest), room: Math.floor(room) };
      });
  });
}

describe("the toolbar", () => {
  const open = usePlayground();

  it.each(SIZES)(
    "at %d×%d: Train, Stop, progress and the epoch counter show without scrolling, and stay when scrolled",
    async (width, height) => {
      const page = await open({ epochs: "300" }, { viewport: { width, height } });
      expect(await outOfView(page)).toEqual([]);
      await page.run(() => window.scrollTo(0, document.body.scrollHeight));
      expect(await page.run(() => window.scrollY)).toBeGreaterThan(0);
      expect(await outOfView(page)).toEqual([]);

      for (const select of await selectFits(page)) {
        expect(select.widest, `#${select.id}'s widest option fits`).toBeLessThanOrEqual(select.room);
      }

      await train(page);
      expect(await page.page.locator("#status-line").textContent()).toMatch(/^Trained 300 epochs in /);
      expect(await outOfView(page)).toEqual([]);
      page.expectNoErrors();
      await page.close();
    },
  );

  it("Train hands the keyboard's focus to Stop while it is disabled, and gets it back after", async () => {
    const page = await open({ epochs: "100000" });
    const controls = page.page;
    await controls.locator("#train").focus();
    await controls.keyboard.press("Enter");
    await controls.waitForFunction(() => window.rpfPlayground.epoch > 0, null, { timeout: 20_000 });
    expect(await page.run(() => document.activeElement?.id)).toBe("stop");
    expect(await controls.locator("#status-line").textContent()).toMatch(/^Epoch [\d,]+ \/ 100,000 · /);
    await controls.keyboard.press("Enter");
    await controls.waitForFunction(() => window.rpfPlayground.status !== "training", null, { timeout: 20_000 });
    expect(await page.run(() => document.activeElement?.id)).toBe("train");

    // A run that ends by itself gives focus back too.
    await controls.getByLabel("Epochs", { exact: true }).fill("50");
    await controls.locator("#train").focus();
    await controls.keyboard.press("Enter");
    await controls.waitForFunction(() => window.rpfPlayground.status === "done", null, { timeout: 20_000 });
    expect(await page.run(() => document.activeElement?.id)).toBe("train");
    page.expectNoErrors();
    await page.close();
  });
});
