import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { hook, train, usePlayground } from "./support/playground-page.js";

function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  return a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i]!)), 0);
}

describe("model files", () => {
  const open = usePlayground();

  it.each([
    ["Download model (.json)", "onnx:wasm", "rpf-model.json"],
    ["Download ONNX (.onnx)", "onnx:webgpu", "rpf-model.onnx"],
  ])("%s, loaded back and run on %s, reproduces the predictions", async (button, backend, fileName) => {
    const page = await open({ epochs: "300" });
    const trained = await train(page);
    const [download] = await Promise.all([
      page.page.waitForEvent("download"),
      page.page.getByRole("button", { name: button }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(fileName);

    await page.page.getByLabel("Run it on").selectOption(backend);
    await page.page.getByLabel("Load a model").setInputFiles({
      name: fileName,
      mimeType: "application/octet-stream",
      buffer: await readFile((await download.path())!),
    });
    const message = page.page.locator("#model-message");
    await page.page.waitForFunction(
      () => document.querySelector("#model-message")!.textContent!.includes("predicting on"),
      null,
      {
        timeout: 30_000,
      },
    );
    expect(await message.textContent()).toBe(
      `${fileName}: 9 members, β = 3, trained 300 epochs on matrix; predicting on ${backend}.`,
    );
    const loaded = await hook(page);
    expect(loaded.status).toBe("done");
    expect(loaded.prediction!.x).toEqual(trained.prediction!.x);
    // float32 weights either way; onnxruntime and matrix differ only in rounding.
    expect(maxAbsDiff(loaded.prediction!.mean, trained.prediction!.mean)).toBeLessThan(1e-4);
    expect(maxAbsDiff(loaded.prediction!.std, trained.prediction!.std)).toBeLessThan(1e-4);
    page.expectNoErrors();
    await page.close();
  });

  it("a file that is not a model shows why inline and keeps the current curves", async () => {
    const page = await open({ epochs: "50" });
    const trained = await train(page);
    await page.page.getByLabel("Load a model").setInputFiles({
      name: "notes.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"format": "something-else"}'),
    });
    const error = page.page.locator("#model-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toBe('the file is not an rpf model (format is "something-else")');
    expect((await hook(page)).prediction).toEqual(trained.prediction);
    page.expectNoErrors();
    await page.close();
  });
});
