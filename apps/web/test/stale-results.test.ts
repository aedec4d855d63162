import { describe, expect, it } from "vitest";
import { hook, train, usePlayground } from "./support/playground-page.js";

describe("results that no longer match", () => {
  const open = usePlayground();

  it("a new run clears the previous run's curves and loss at once, before its first draw", async () => {
    const page = await open({ epochs: "200" });
    const first = await train(page);
    expect(first.prediction).not.toBeNull();
    expect(first.lossCurve.epochs.length).toBeGreaterThan(0);
    await page.page.getByLabel("Epochs", { exact: true }).fill("60000");
    // Read in the same task as the click: nothing from the new run can have arrived yet.
    const atClick = await page.run(() => {
      document.querySelector<HTMLButtonElement>("#train")!.click();
      const state = window.rpfPlayground;
      return { status: state.status, prediction: state.prediction, lossPoints: state.lossCurve.epochs.length };
    });
    expect(atClick).toEqual({ status: "training", prediction: null, lossPoints: 0 });
    await page.page.getByRole("button", { name: "Stop" }).click();
    await page.page.waitForFunction(() => window.rpfPlayground.status !== "training");
    page.expectNoErrors();
    await page.close();
  });

  it("dims the results and says 'Settings changed — retrain' until the settings are back", async () => {
    const page = await open({ epochs: "200" });
    await train(page);
    const notice = page.page.locator("#results-stale");
    expect(await notice.isHidden()).toBe(true);
    const members = page.page.getByLabel("Members", { exact: true });
    await members.fill("5");
    expect(await notice.textContent()).toBe("Settings changed — retrain.");
    expect(await notice.isVisible()).toBe(true);
    for (const id of ["#ensemble-chart", "#decomposition-chart", "#loss-chart"]) {
      expect(await page.page.locator(id).getAttribute("class")).toContain("stale");
    }
    expect((await hook(page)).stale.run).toBe("Settings changed — retrain.");
    await members.fill("9");
    expect(await notice.isHidden()).toBe(true);
    expect(await page.page.locator("#ensemble-chart").getAttribute("class")).not.toContain("stale");

    // A point added by hand changes the data the results came from.
    await page.page.locator("#point-x").fill("0.7");
    await page.page.locator("#point-y").fill("0.2");
    await page.page.getByRole("button", { name: "Add point" }).click();
    expect(await notice.textContent()).toBe("Data changed — retrain.");
    // Training again makes the results current.
    await train(page);
    expect(await notice.isHidden()).toBe(true);
    page.expectNoErrors();
    await page.close();
  });

  it("clears the curves and the loss curve with the data", async () => {
    const page = await open({ epochs: "200" });
    await train(page);
    await page.page.getByRole("button", { name: "Reset data" }).click();
    await page.page.waitForFunction(() => window.rpfPlayground.prediction === null);
    const state = await hook(page);
    expect(state.lossCurve).toEqual({ epochs: [], values: [] });
    // Nothing is left to be stale.
    expect(state.stale.run).toBeNull();
    expect(await page.page.locator("#results-stale").isHidden()).toBe(true);
    page.expectNoErrors();
    await page.close();
  });

  it("marks a stopped experiment's cells 'stopped' and 'not run'", async () => {
    const page = await open({ epochs: "60000" });
    await page.page.getByRole("button", { name: "Run β sweep" }).click();
    await page.page.waitForFunction(() => window.rpfPlayground.epoch >= 300, null, { timeout: 30_000 });
    const badges = page.page.locator("#experiment-grid .cell-state");
    expect(await badges.first().textContent()).toBe("training…");
    expect(await badges.nth(1).textContent()).toBe("waiting");
    await page.page.getByRole("button", { name: "Stop" }).click();
    await page.page.waitForFunction(() => window.rpfPlayground.status !== "training");
    const { experiment, epoch } = await hook(page);
    expect(experiment!.cells.map((cell) => cell.state)).toEqual(["stopped", "not run", "not run", "not run"]);
    expect(await badges.allTextContents()).toEqual([
      `stopped at epoch ${epoch.toLocaleString("en")} of 60,000`,
      "not run",
      "not run",
      "not run",
    ]);
    expect(await page.page.locator("#experiment-grid .chart").first().getAttribute("class")).toContain("unfinished");
    // β does not change an experiment's result (it sets its own); the epochs do.
    await page.page.getByLabel("Prior scale β", { exact: true }).fill("7");
    expect(await page.page.locator("#experiment-stale").isHidden()).toBe(true);
    await page.page.getByLabel("Epochs", { exact: true }).fill("500");
    expect(await page.page.locator("#experiment-stale").textContent()).toBe(
      "Settings changed — run the experiment again.",
    );
    page.expectNoErrors();
    await page.close();
  });
});
