import { describe, expect, it } from "vitest";
import { countDrawnPixels, meanStd, type PlaygroundHook, train, usePlayground } from "./support/playground-page.js";

/**
 * The loss chart's data after a run trained in many chunks (the first chunk is one epoch, so any
 * run longer than that has several): one curve from epoch 1 to the last, never going back.
 */
function expectOneLossCurve(state: PlaygroundHook, epochs: number): void {
  const { epochs: x, values } = state.lossCurve;
  expect(x[0]).toBe(1);
  expect(x.at(-1)).toBe(epochs);
  expect(x.every((epoch, i) => i === 0 || epoch > x[i - 1]!)).toBe(true);
  // Each epoch at most once: the worker sends the epochs since its previous report, never the history again.
  expect(new Set(x).size).toBe(x.length);
  expect(values).toHaveLength(x.length);
  expect(values.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  // It falls: the first epoch's loss is drawn once, at the start.
  expect(values.at(-1)!).toBeLessThan(values[0]! / 10);
}

/** The default ensemble must train this fast in the browser on its default (fastest) device. */
const DEFAULT_TRAINING_BUDGET_MS = 10_000;

describe("training in the browser", () => {
  const open = usePlayground();

  it(`trains the default ensemble (the notebook's) in under ${DEFAULT_TRAINING_BUDGET_MS / 1000} s on the default backend`, async () => {
    const page = await open();
    const clicked = performance.now();
    const state = await train(page);
    const wallMs = performance.now() - clicked;
    expect(state.status).toBe("done");
    expect(state.epoch).toBe(3000);
    expectOneLossCurve(state, 3000);
    expect(state.lastRun).toMatchObject({ backend: "matrix", device: "cpu" });
    console.log(
      `default ensemble (9 members × 3000 epochs, 16-16 ELU) in Chromium, ${state.lastRun!.backend}:${state.lastRun!.device}: ` +
        `fit ${state.lastRun!.fitSeconds.toFixed(2)} s; the worker's job ${(state.lastRun!.elapsedMs / 1000).toFixed(2)} s; ` +
        `click on Train to "done" ${(wallMs / 1000).toFixed(2)} s`,
    );
    expect(wallMs).toBeLessThan(DEFAULT_TRAINING_BUDGET_MS);
    // The notebook's finding: small spread on the data, large far from it.
    expect(meanStd(state, 3, 5)).toBeGreaterThan(5 * meanStd(state, 0, 0.5));
    page.expectNoErrors();
    await page.close();
  });

  it.each([
    // WebGPU runs on SwiftShader here (software, ~0.1 s an epoch): a short run shows it drawing.
    ["tfjs:webgpu", "webgpu", 20],
    ["tfjs:wasm", "wasm", 3000],
  ])("trains on %s and draws every member and the ±1σ/±2σ bands", async (backend, device, epochs) => {
    const page = await open({ backend, epochs: String(epochs) });
    const state = await train(page, 90_000);
    expect(state.status).toBe("done");
    expect(state.epoch).toBe(epochs);
    expect(state.lastRun).toMatchObject({ backend: "tfjs", device });
    const { x, mean, std } = state.prediction!;
    expect(mean).toHaveLength(x.length);
    expect(std.every((s) => Number.isFinite(s) && s >= 0)).toBe(true);
    expect(meanStd(state, 3, 5)).toBeGreaterThan(meanStd(state, 0, 0.5));
    expect(state.lossCurve.epochs.at(-1)).toBe(epochs);
    expect(await page.page.locator("#member option").count()).toBe(9);
    expect(await page.page.locator("#member-caption").textContent()).toContain("Member 1 of 9");
    const pixels = await countDrawnPixels(page);
    expect(pixels.red).toBeGreaterThan(2000);
    expect(pixels.coloured).toBeGreaterThan(500);
    page.expectNoErrors();
    await page.close();
  });
});
