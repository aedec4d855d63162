import { describe, expect, it } from "vitest";
import { hook, usePlayground } from "./support/playground-page.js";

/** Long enough (about a minute on matrix) that it is still running whenever the test acts. */
const LONG_RUN = { epochs: "60000" };

describe("while training", () => {
  const open = usePlayground();

  it.each([
    ["matrix", 500],
    // The slowest device here (WebGPU on a software rasteriser): a chunk and a readback in flight.
    ["tfjs:webgpu", 20],
  ])("Stop ends a run on %s within a second and keeps the curves drawn so far", async (backend, minEpochs) => {
    const page = await open({ ...LONG_RUN, backend });
    await page.page.getByRole("button", { name: "Train" }).click();
    await page.page.waitForFunction((epochs) => window.rpfPlayground.epoch >= epochs, minEpochs, { timeout: 30_000 });
    // Clicked and timed inside the page, so the measurement is the page's, not the test's.
    const stopMs = await page.run(async () => {
      const started = performance.now();
      document.querySelector<HTMLButtonElement>("#stop")!.click();
      while (window.rpfPlayground.status === "training") await new Promise((r) => setTimeout(r, 5));
      return performance.now() - started;
    });
    console.log(`${backend}: Stop → stopped in ${stopMs.toFixed(0)} ms`);
    expect(stopMs).toBeLessThan(1000);
    const state = await hook(page);
    expect(state.status).toBe("idle");
    expect(state.epoch).toBeGreaterThanOrEqual(minEpochs);
    expect(state.epoch).toBeLessThan(60_000);
    expect(state.prediction).not.toBeNull();
    expect(await page.page.locator("#status-line").textContent()).toBe(
      `Stopped after ${state.epoch.toLocaleString("en")} epochs.`,
    );
    expect(await page.page.getByRole("button", { name: "Train" }).isEnabled()).toBe(true);
    page.expectNoErrors();
    await page.close();
  });

  it("the page stays responsive: controls answer at once while the worker trains", async () => {
    const page = await open(LONG_RUN);
    await page.page.getByRole("button", { name: "Train" }).click();
    await page.page.waitForFunction(() => window.rpfPlayground.prediction !== null, null, { timeout: 20_000 });

    await page.page.locator("#member").selectOption({ label: "5" });
    expect(await page.page.locator("#member-caption").textContent()).toContain("Member 5 of 9");
    await page.page.getByLabel("Hidden widths", { exact: true }).fill("16,oops");
    expect(await page.page.locator("#field-hidden-error").textContent()).toContain(`number 2 is "oops"`);
    const timerDelayMs = await page.run(
      () =>
        new Promise<number>((resolve) => {
          const started = performance.now();
          setTimeout(() => resolve(performance.now() - started), 0);
        }),
    );
    // A page blocked by training would answer in seconds; a busy machine may still take a frame or two.
    expect(timerDelayMs).toBeLessThan(200);
    const state = await hook(page);
    expect(state.status).toBe("training");
    const epochBefore = state.epoch;
    await page.page.waitForFunction((epoch) => window.rpfPlayground.epoch > epoch, epochBefore, { timeout: 5000 });

    await page.page.getByRole("button", { name: "Stop" }).click();
    await page.page.waitForFunction(() => window.rpfPlayground.status !== "training", null, { timeout: 5000 });
    page.expectNoErrors();
    await page.close();
  });
});
