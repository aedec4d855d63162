import { describe, expect, it } from "vitest";
import { train, usePlayground } from "./support/playground-page.js";

/**
 * The 2D view's frame: the worker predicts the 100 × 100 grid with 9 members, then the page fills
 * and draws both heatmaps. Trains the default ensemble (9 members) on the spiral long enough for
 * dozens of frames and prints the median of prediction + drawing; only when
 * RPF_PLAYGROUND_TIMINGS is set, and never asserted (apps/web/README.md has the numbers).
 */
describe.runIf(process.env.RPF_PLAYGROUND_TIMINGS)("heatmap frame time in Chromium", () => {
  const open = usePlayground();

  it.each(["matrix", "tfjs:wasm"])(
    "%s",
    async (backend) => {
      const page = await open({ backend, members: "9", epochs: "30000" });
      await page.page.getByText("2D classification").click();
      await page.page.locator("#class-dataset").selectOption("spiral");
      const state = await train(page, 600_000);
      const frames = state.classification.frames;
      expect(frames.length).toBeGreaterThan(5);
      const median = (values: number[]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const mid = sorted.length >> 1;
        return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      };
      const total = median(frames.map((f) => f.predictMs + f.drawMs));
      console.log(
        `${backend}: ${frames.length} frames, median predict ${median(frames.map((f) => f.predictMs)).toFixed(1)} ms + ` +
          `draw ${median(frames.map((f) => f.drawMs)).toFixed(1)} ms; median frame ${total.toFixed(1)} ms`,
      );
      page.expectNoErrors();
      await page.close();
    },
    900_000,
  );
});
