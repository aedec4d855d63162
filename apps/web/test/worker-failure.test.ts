import type { OpenedPage } from "@rpf/browser-testing";
import { describe, expect, it } from "vitest";
import { countDrawnPixels, hook, type PlaygroundHook, train, usePlayground } from "./support/playground-page.js";

/** Long enough (about a minute on matrix) that it is still running whenever the test acts. */
const LONG_EPOCHS = "60000";
/** The retrain after a failure: short, but long enough to draw every curve. */
const SHORT_EPOCHS = 500;
const STOPPED = /^the training worker stopped unexpectedly; /;

type Fault = Parameters<PlaygroundHook["breakWorker"]>[0];

/**
 * Does `act` inside the page and times until the page shows a failure (given up after 10 s, so a
 * page that never notices fails the test quickly). Timed in the page, so the test's own latency
 * is not counted.
 */
function timeUntilError(page: OpenedPage, act: { fault: Fault } | { click: string }): Promise<number> {
  return page.run(async (action) => {
    const started = performance.now();
    if ("fault" in action) window.rpfPlayground.breakWorker(action.fault);
    else document.querySelector<HTMLButtonElement>(action.click)!.click();
    while (window.rpfPlayground.status !== "error" && performance.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 5));
    }
    return performance.now() - started;
  }, act);
}

/** The failure is in the status area and the buttons are back as they are between runs. */
async function expectShownAndUsable(page: OpenedPage, message: RegExp): Promise<void> {
  const state = await hook(page);
  expect(state.status).toBe("error");
  expect(state.error).toMatch(message);
  const shown = page.page.locator("#status-error");
  expect(await shown.isVisible()).toBe(true);
  expect(await shown.textContent()).toBe(state.error);
  expect(await page.page.locator("#status-line").textContent()).toBe("Failed.");
  expect(await page.page.getByRole("button", { name: "Train" }).isEnabled()).toBe(true);
  expect(await page.page.getByRole("button", { name: "Stop" }).isDisabled()).toBe(true);
}

/** The next Train, as a user would click it, trains to the end and draws, with the error cleared. */
async function expectTrainsAgain(page: OpenedPage): Promise<void> {
  await page.page.getByLabel("Epochs", { exact: true }).fill(String(SHORT_EPOCHS));
  const state = await train(page);
  expect(state).toMatchObject({ status: "done", epoch: SHORT_EPOCHS, error: null });
  expect(state.lastRun).toMatchObject({ backend: "matrix", device: "cpu" });
  expect(await page.page.locator("#status-error").isHidden()).toBe(true);
  const pixels = await countDrawnPixels(page);
  expect(pixels.red).toBeGreaterThan(2000);
  expect(pixels.coloured).toBeGreaterThan(500);
}

/** Starts a long run and waits until it is well under way. */
async function startLongRun(page: OpenedPage): Promise<void> {
  await page.page.getByLabel("Epochs", { exact: true }).fill(LONG_EPOCHS);
  await page.page.getByRole("button", { name: "Train" }).click();
  await page.page.waitForFunction(() => window.rpfPlayground.epoch >= 200, null, { timeout: 30_000 });
}

describe("a worker that fails", () => {
  const open = usePlayground();

  it("an error thrown inside a job is shown with its name, and the same worker trains next", async () => {
    const page = await open();
    const shownMs = await timeUntilError(page, { fault: "throw-in-job" });
    console.log(`error thrown in a job → shown in ${shownMs.toFixed(0)} ms`);
    await expectShownAndUsable(
      page,
      /^unexpected error in the training worker: Error: test fault from rpfPlayground\.breakWorker: an error inside a job$/,
    );
    // Not rpf's: its name arrives, and no code or details.
    expect(await hook(page)).toMatchObject({ errorName: "Error", errorCode: null, errorDetails: null });
    await expectTrainsAgain(page);
    // The worker logs the stack of an error that is not rpf's (a bug): that one, and nothing else.
    expect(page.problems.map((p) => p.kind)).toEqual(["console-error"]);
    expect(page.problems[0]!.text).toContain("an error inside a job");
    await page.close();
  });

  it("an InvalidArgumentError thrown inside a job arrives on the page with that name, its code and details", async () => {
    const page = await open();
    await timeUntilError(page, { fault: "throw-rpf-in-job" });
    // rpf's messages are written for users: shown as they are, and nothing is logged.
    await expectShownAndUsable(page, /^test fault from rpfPlayground\.breakWorker: an rpf error inside a job$/);
    // The bundle's minifier renamed the class in the worker and in the page: the name is its literal,
    // and code and details came through the worker boundary, revived as the page's own class.
    expect(await hook(page)).toMatchObject({
      errorName: "InvalidArgumentError",
      errorCode: "invalid_argument",
      errorDetails: { field: "fault", accepted: "no fault", where: "training worker" },
    });
    await expectTrainsAgain(page);
    expect(await hook(page)).toMatchObject({ errorName: null, errorCode: null, errorDetails: null });
    page.expectNoErrors();
    await page.close();
  });

  it.each([
    ["throw-uncaught", /Uncaught Error: test fault from rpfPlayground\.breakWorker: an uncaught error/],
    ["kill", /it was terminated/],
  ] as const)("a worker broken mid-run by %s is reported within a second and replaced", async (fault, reason) => {
    const page = await open();
    await startLongRun(page);
    const shownMs = await timeUntilError(page, { fault });
    console.log(`${fault} mid-run → shown in ${shownMs.toFixed(0)} ms`);
    expect(shownMs).toBeLessThan(1000);
    await expectShownAndUsable(page, STOPPED);
    expect((await hook(page)).error).toMatch(reason);
    // Nothing was thrown that the page could receive: no name, code or details.
    expect(await hook(page)).toMatchObject({ errorName: null, errorCode: null, errorDetails: null });
    await expectTrainsAgain(page);
    page.expectNoErrors();
    await page.close();
  });

  it("a worker that goes silent mid-run is found out when Stop gets no answer", async () => {
    const page = await open();
    await startLongRun(page);
    await page.run(() => window.rpfPlayground.breakWorker("close"));
    // The chunk under way when the fault arrived may still report; nothing after it does.
    await page.page.waitForTimeout(300);
    const silentAt = (await hook(page)).epoch;
    await page.page.waitForTimeout(500);
    expect((await hook(page)).epoch).toBe(silentAt);
    expect((await hook(page)).status).toBe("training");

    const stopMs = await timeUntilError(page, { click: "#stop" });
    console.log(`silent worker: Stop → reported in ${stopMs.toFixed(0)} ms`);
    expect(stopMs).toBeGreaterThanOrEqual(2900);
    expect(stopMs).toBeLessThan(4000);
    await expectShownAndUsable(page, /^the training worker stopped unexpectedly; it did not answer Stop within 3 s\./);
    await expectTrainsAgain(page);
    page.expectNoErrors();
    await page.close();
  });

  it("a job that is not a run (an export) fails with the worker, and its model is known to be lost", async () => {
    const page = await open();
    await expectTrainsAgain(page);
    const exportButton = page.page.getByRole("button", { name: "Download model (.json)" });
    expect(await exportButton.isEnabled()).toBe(true);
    // In one task of the page: the export is sent, and the worker is gone before it can answer.
    await page.run(() => {
      document.querySelector<HTMLButtonElement>("#export-rpf")!.click();
      window.rpfPlayground.breakWorker("kill");
    });
    const exportError = page.page.locator("#model-error");
    expect(await exportError.isVisible()).toBe(true);
    expect(await exportError.textContent()).toMatch(STOPPED);
    await expectShownAndUsable(page, STOPPED);
    expect(await exportButton.isDisabled()).toBe(true);
    await expectTrainsAgain(page);
    expect(await exportButton.isEnabled()).toBe(true);
    page.expectNoErrors();
    await page.close();
  });
});
