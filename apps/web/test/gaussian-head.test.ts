import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { OpenedPage } from "@rpf/browser-testing";
import { heteroscedasticNoiseStd, makeHeteroscedasticToyData } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { hook, type PlaygroundHook, train, usePlayground } from "./support/playground-page.js";

/** Where to write pictures of a trained Gaussian state; unset, none are taken. */
const screens = process.env.RPF_GAUSSIAN_SCREENS;

/** The heteroscedastic toy set (noise std 0.05 at x = 0 rising to 0.25 at x = 1) as a CSV. */
function heteroscedasticCsv(): { name: string; mimeType: string; buffer: Buffer } {
  const data = makeHeteroscedasticToyData({ seed: 0, n: 200 });
  const rows = Array.from(data.x, (x, i) => `${x},${data.y[i]}`);
  return { name: "heteroscedastic.csv", mimeType: "text/csv", buffer: Buffer.from(`x,y\n${rows.join("\n")}\n`) };
}

async function loadHeteroscedastic(page: OpenedPage): Promise<void> {
  await page.page.getByLabel("CSV file").setInputFiles(heteroscedasticCsv());
  await expect.poll(async () => (await hook(page)).dataPoints).toBe(200);
}

/** Half the width of a ±2σ band, so one σ, at each grid x in [from, to]. */
function sigmasWithin(state: PlaygroundHook, band: number, from: number, to: number): number[] {
  const { x, bands } = state.bands!;
  const { upper, lower } = bands[band]!;
  return x.flatMap((value, i) => (value >= from && value <= to ? [(upper[i]! - lower[i]!) / 4] : []));
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The settings of the trained Gaussian state: the heteroscedastic data want x and y scaled. */
const GAUSSIAN = { head: "gaussian", members: "5", epochs: "2000", lr: "0.01", standardize: "xy" };

describe("the Gaussian head in the playground", () => {
  const open = usePlayground();

  it("trains on heteroscedastic data and draws the noise band inside the total band, wider where the noise is", async () => {
    const page = await open(GAUSSIAN, { viewport: { width: 1440, height: 900 } });
    expect(await page.page.getByLabel("Output head").inputValue()).toBe("gaussian");
    await loadHeteroscedastic(page);
    const state = await train(page, 120_000);
    expect(state.status).toBe("done");
    const { bands } = state;
    expect(bands!.kind).toBe("noise-and-total");
    expect(bands!.bands.map((b) => b.label)).toEqual(["total ±2σ", "noise (aleatoric) ±2σ"]);
    const [total, noise] = bands!.bands;
    // The total band holds the noise band at every x of the chart, data or not.
    for (let i = 0; i < bands!.x.length; i++) {
      expect(total!.upper[i]!).toBeGreaterThanOrEqual(noise!.upper[i]! - 1e-6);
      expect(total!.lower[i]!).toBeLessThanOrEqual(noise!.lower[i]! + 1e-6);
      expect(noise!.upper[i]!).toBeGreaterThan(noise!.lower[i]!);
    }
    // The loss chart draws the Gaussian NLL as it is (linear scale, no floor), falling as it trains.
    expect(state.lossCurve.values.at(-1)!).toBeLessThan(state.lossCurve.values[0]!);
    // The chart's bands are the prediction's stds: total² = aleatoric² + epistemic².
    const { std, aleatoricStd, epistemicStd } = state.prediction!;
    std.forEach((s, i) => {
      expect(s).toBeCloseTo(Math.hypot(aleatoricStd[i]!, epistemicStd[i]!), 4);
    });
    // The noise std learned follows the data's: about 0.07 near x = 0.1, 0.23 near x = 0.9.
    const quiet = mean(sigmasWithin(state, 1, 0, 0.2));
    const noisy = mean(sigmasWithin(state, 1, 0.8, 1));
    console.log(
      `Gaussian head, heteroscedastic data: noise σ on x∈[0,0.2] ${quiet.toFixed(3)} (true ${heteroscedasticNoiseStd(0.1).toFixed(3)}), on x∈[0.8,1] ${noisy.toFixed(3)} (true ${heteroscedasticNoiseStd(0.9).toFixed(3)})`,
    );
    expect(noisy).toBeGreaterThan(1.8 * quiet);
    // Each within a factor of two of the truth in the middle of its range.
    expect(noisy / heteroscedasticNoiseStd(0.9)).toBeGreaterThan(0.5);
    expect(noisy / heteroscedasticNoiseStd(0.9)).toBeLessThan(2);
    expect(quiet / heteroscedasticNoiseStd(0.1)).toBeGreaterThan(0.5);
    expect(quiet / heteroscedasticNoiseStd(0.1)).toBeLessThan(2);
    // The legend names the two bands, not ±1σ and ±2σ.
    const legend = page.page.getByRole("list", { name: "Legend" });
    await expect.poll(() => legend.getByText("noise (aleatoric) ±2σ").isVisible()).toBe(true);
    expect(await legend.getByText(/total \(noise \+ members. spread\) ±2σ/).isVisible()).toBe(true);
    expect(await legend.getByText("±1σ", { exact: true }).isVisible()).toBe(false);

    if (screens) {
      await mkdir(screens, { recursive: true });
      await page.page.evaluate(() => window.scrollTo(0, 0));
      await page.page.screenshot({ path: join(screens, "gaussian-1440x900.png") });
      await page.page.setViewportSize({ width: 390, height: 844 });
      await page.page.locator("#ensemble-chart").scrollIntoViewIfNeeded();
      await page.page.waitForTimeout(300);
      await page.page.screenshot({ path: join(screens, "gaussian-390x844.png") });
      await page.page.getByLabel("Output head").scrollIntoViewIfNeeded();
      await page.page.waitForTimeout(300);
      await page.page.screenshot({ path: join(screens, "gaussian-390x844-form.png") });
    }

    // Downloaded and loaded back into a fresh page (squared error in the form), the model shows its head and both bands.
    const [download] = await Promise.all([
      page.page.waitForEvent("download"),
      page.page.getByRole("button", { name: "Download model (.json)" }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    page.expectNoErrors();
    await page.close();

    const fresh = await open();
    expect(await fresh.page.getByLabel("Output head").inputValue()).toBe("mse");
    // The same data, so the chart's grid is the same.
    await loadHeteroscedastic(fresh);
    await fresh.page.getByLabel("Run it on").selectOption("matrix");
    await fresh.page.getByLabel("Load a model").setInputFiles({
      name: "gaussian.json",
      mimeType: "application/json",
      buffer: bytes,
    });
    await fresh.page.waitForFunction(() =>
      document.querySelector("#model-message")!.textContent!.includes("predicting on"),
    );
    expect(await fresh.page.locator("#model-message").textContent()).toContain("Gaussian head (mean + noise)");
    expect(await fresh.page.getByLabel("Output head").inputValue()).toBe("gaussian");
    const loaded = await hook(fresh);
    expect(loaded.bands!.kind).toBe("noise-and-total");
    expect(loaded.prediction!.x).toEqual(state.prediction!.x);
    // float32 weights either way; only rounding differs.
    loaded.prediction!.aleatoricStd.forEach((s, i) => {
      const trained = state.prediction!.aleatoricStd[i]!;
      expect(Math.abs(s - trained)).toBeLessThan(1e-4 * trained + 1e-7);
    });
    fresh.expectNoErrors();
    await fresh.close();
  }, 240_000);

  it("keeps the head and the weight decay in the link, and a squared-error model draws ±1σ and ±2σ as before", async () => {
    const page = await open({ epochs: "200", head: "mse", wd: "0.001" });
    expect(await page.page.getByLabel("Weight decay").inputValue()).toBe("0.001");
    await page.page.getByLabel("Output head").selectOption("gaussian");
    await expect.poll(() => page.page.evaluate(() => location.search)).toContain("head=gaussian");
    expect(await page.page.evaluate(() => location.search)).toContain("wd=0.001");
    await page.page.getByLabel("Output head").selectOption("mse");
    const state = await train(page);
    expect(state.bands!.kind).toBe("spread");
    expect(state.bands!.bands.map((b) => b.label)).toEqual(["±2σ", "±1σ"]);
    expect(state.prediction!.aleatoricStd.every((s) => s === 0)).toBe(true);
    expect(await page.page.getByRole("list", { name: "Legend" }).getByText("±1σ", { exact: true }).isVisible()).toBe(
      true,
    );
    page.expectNoErrors();
    await page.close();
  }, 120_000);

  it("a Gaussian head with weight decay trains on tfjs too, with both bands", async () => {
    const page = await open({ head: "gaussian", wd: "0.001", backend: "tfjs:cpu", epochs: "50" });
    const state = await train(page);
    expect(state.status).toBe("done");
    expect(state.lastRun).toMatchObject({ backend: "tfjs" });
    expect(state.bands!.kind).toBe("noise-and-total");
    page.expectNoErrors();
    await page.close();
  }, 180_000);
});
