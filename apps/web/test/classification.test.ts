import type { OpenedPage } from "@rpf/browser-testing";
import { describe, expect, it } from "vitest";
import { hook, train, usePlayground } from "./support/playground-page.js";

/** Pixels of a heatmap's canvas that are clearly orange (class 0), clearly blue (class 1) or purple (disagreement). */
function countHeatmapColours(
  page: OpenedPage,
  chart: string,
): Promise<{ orange: number; blue: number; purple: number }> {
  return page.page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`#${id} canvas`)!;
    const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
    let orange = 0;
    let blue = 0;
    let purple = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      if (r > b + 60 && g > b + 20) orange++;
      else if (b > r + 60 && g > r + 20) blue++;
      else if (b > g + 40 && r > g + 20) purple++;
    }
    return { orange, blue, purple };
  }, chart);
}

describe("the 2D classification view", () => {
  const open = usePlayground();

  it.each(["matrix", "tfjs:wasm"])(
    "switches mode, trains the categorical head briefly on %s, and shows both heatmaps and the test scores",
    async (backend) => {
      const page = await open({ epochs: "400", hidden: "16,16", backend });
      await page.page.getByText("2D classification").click();
      await page.page.locator("#class-dataset").selectOption("clusters");
      // The 1D view is out of the way; the 2D one is there.
      await expect(page.page.locator("#ensemble-chart").isVisible()).resolves.toBe(false);
      await expect(page.page.locator("#class-probability-chart").isVisible()).resolves.toBe(true);
      const before = await hook(page);
      expect(before.mode).toBe("classification");
      // The link says which view: it opens this one again.
      await expect(page.page.evaluate(() => location.search)).resolves.toMatch(/&mode=classification$/);
      expect(before.classification).toMatchObject({ dataset: "clusters", trainPoints: 100, testPoints: 100 });
      expect(before.classification.heatmap).toBeNull();

      const state = await train(page);
      expect(state.status).toBe("done");
      expect(state.epoch).toBe(400);
      const { accuracy, loss, heatmap } = state.classification;
      // Two well-separated clusters (noise 0): the held-out half is classified almost perfectly.
      expect(accuracy).toBeGreaterThanOrEqual(0.95);
      expect(Number.isFinite(loss)).toBe(true);
      expect(loss).toBeLessThan(0.3);
      expect(heatmap!.cells).toBe(100 * 100);
      expect(heatmap!.maxMutualInformation).toBeGreaterThan(0);
      expect(heatmap!.maxMutualInformation).toBeLessThanOrEqual(Math.log(2) + 1e-6);
      await expect(page.page.locator("#test-accuracy").textContent()).resolves.toMatch(/^\d+\.\d%$/);
      expect(state.lossCurve.epochs.at(-1)).toBe(400);

      const probability = await countHeatmapColours(page, "class-probability-chart");
      expect(probability.orange).toBeGreaterThan(5000);
      expect(probability.blue).toBeGreaterThan(5000);
      const disagreement = await countHeatmapColours(page, "class-disagreement-chart");
      expect(disagreement.purple).toBeGreaterThan(500);
      page.expectNoErrors();
      await page.close();
    },
  );

  it("opens in the 2D view from a link and adds a training point of the chosen class where the map is clicked", async () => {
    const page = await open({ mode: "classification" });
    expect((await hook(page)).mode).toBe("classification");
    await page.page.getByText("Add blue").click();
    const before = (await hook(page)).classification.trainPoints;
    const box = (await page.page.locator("#class-probability-chart .u-over").boundingBox())!;
    await page.page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.1);
    const after = await hook(page);
    expect(after.classification.trainPoints).toBe(before + 1);
    await expect(page.page.locator("#class-summary").textContent()).resolves.toMatch(/\(1 added\)/);
    page.expectNoErrors();
    await page.close();
  });

  it("fits a 390×844 phone: no sideways scrolling, heatmaps nearly the screen's width", async () => {
    const page = await open({}, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.page.getByText("2D classification").click();
    const widths = await page.page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      map: document.querySelector<HTMLElement>("#class-probability-chart .uplot")!.getBoundingClientRect().width,
    }));
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.map).toBeGreaterThan(280);
    page.expectNoErrors();
    await page.close();
  });
});
