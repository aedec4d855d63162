import { describe, expect, it } from "vitest";
import { train, usePlayground } from "./support/playground-page.js";

/**
 * Trains the default ensemble (the notebook's: 9 members × 3000 epochs) on every training device
 * and prints the times. Minutes long (WebGPU and WebGL run on software rasterisers here), so it
 * runs only when RPF_PLAYGROUND_TIMINGS is set.
 */
describe.runIf(process.env.RPF_PLAYGROUND_TIMINGS)("training time of the default ensemble per device", () => {
  const open = usePlayground();

  it.each(["matrix", "tfjs:wasm", "tfjs:cpu", "tfjs:webgl", "tfjs:webgpu"])(
    "%s",
    async (backend) => {
      const page = await open({ backend });
      const clicked = performance.now();
      const state = await train(page, 900_000);
      const wallMs = performance.now() - clicked;
      expect(state.epoch).toBe(3000);
      console.log(
        `${backend}: fit ${state.lastRun!.fitSeconds.toFixed(2)} s, click on Train to done ${(wallMs / 1000).toFixed(2)} s`,
      );
      page.expectNoErrors();
      await page.close();
    },
    900_000,
  );
});
