import { readFile } from "node:fs/promises";
import type { OpenedPage } from "@rpf/browser-testing";
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
      `${fileName}: 9 members, β = 3, trained 300 epochs on matrix; predicting on ${backend}. The form now shows its settings.`,
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
    expect(await error.textContent()).toBe('notes.json: the file is not an rpf model (format is "something-else")');
    expect((await hook(page)).prediction).toEqual(trained.prediction);
    page.expectNoErrors();
    await page.close();
  });

  it("a loaded model's settings replace the form's, and the link's", async () => {
    const trainer = await open({
      members: "4",
      beta: "5",
      hidden: "8",
      activation: "tanh",
      epochs: "60",
      lr: "0.01",
      seed: "3",
      clip: "2",
      bootstrap: "none",
      standardize: "x",
    });
    await train(trainer);
    const [download] = await Promise.all([
      trainer.page.waitForEvent("download"),
      trainer.page.getByRole("button", { name: "Download model (.json)" }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    await trainer.close();

    const page = await open();
    await loadModel(page, "rpf-model.json", bytes);
    await page.page.waitForFunction(() => window.rpfPlayground.status === "done", null, { timeout: 30_000 });
    const value = (label: string) => page.page.getByLabel(label, { exact: true }).inputValue();
    expect({
      members: await value("Members"),
      beta: await value("Prior scale β"),
      hidden: await value("Hidden widths"),
      activation: await value("Activation"),
      bootstrap: await value("Bootstrap"),
      standardize: await value("Standardize"),
      epochs: await value("Epochs"),
      lr: await value("Learning rate"),
      clip: await value("Gradient clip"),
      seed: await value("Seed"),
      backend: await value("Backend"),
    }).toEqual({
      members: "4",
      beta: "5",
      hidden: "8",
      activation: "tanh",
      bootstrap: "none",
      standardize: "x",
      epochs: "60",
      lr: "0.01",
      clip: "2",
      seed: "3",
      backend: "matrix",
    });
    const query = new URL(await page.run(() => location.href)).searchParams;
    expect(query.get("members")).toBe("4");
    expect(query.get("beta")).toBe("5");
    expect(await page.page.locator("#settings .error:not([hidden])").count()).toBe(0);
    page.expectNoErrors();
    await page.close();
  });

  it.each([
    [
      "a CSV renamed .json",
      "data.json",
      Buffer.from("x,y\n0.1,0.2\n0.3,0.4\n"),
      'data.json is CSV text (first line: "x,y"), not a model; expected an rpf model (JSON text, .json) or an ONNX model (protobuf, .onnx)',
    ],
    [
      "an empty file",
      "model.onnx",
      Buffer.alloc(0),
      "model.onnx is empty (0 bytes); expected an rpf model (JSON text, .json) or an ONNX model (protobuf, .onnx)",
    ],
    [
      "a picture",
      "model.onnx",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      "model.onnx is binary data that is not an ONNX model (it starts 89 50 4e 47); expected an rpf model (JSON text, .json) or an ONNX model (protobuf, .onnx)",
    ],
    [
      "JSON of another format",
      "notes.json",
      Buffer.from('{"format": "something-else"}'),
      'notes.json: the file is not an rpf model (format is "something-else")',
    ],
  ])("%s: the message says what the file is and what was expected", async (_, name, buffer, expected) => {
    const page = await open({ epochs: "50" });
    const trained = await train(page);
    await loadModel(page, name, buffer);
    const error = page.page.locator("#model-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toBe(expected);
    // The current curves and settings stay.
    expect((await hook(page)).prediction).toEqual(trained.prediction);
    expect(await page.page.getByLabel("Epochs", { exact: true }).inputValue()).toBe("50");
    page.expectNoErrors();
    await page.close();
  });

  it("a model without its checksum: the message says the checksum field is missing", async () => {
    const page = await open({ epochs: "30" });
    await train(page);
    const [download] = await Promise.all([
      page.page.waitForEvent("download"),
      page.page.getByRole("button", { name: "Download model (.json)" }).click(),
    ]);
    const { checksum: _, ...unsealed } = JSON.parse(await readFile((await download.path())!, "utf8"));
    await loadModel(page, "rpf-model.json", Buffer.from(JSON.stringify(unsealed)));
    const error = page.page.locator("#model-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toBe(
      "rpf-model.json: the model's checksum field is missing; rpf writes one into every model file, so this one was not written by rpf or was edited",
    );
    expect(await hook(page)).toMatchObject({ errorName: "ModelFormatError", errorCode: "invalid_model_file" });
    page.expectNoErrors();
    await page.close();
  });

  it("an error thrown in the minified worker arrives with its class's real name, code and details", async () => {
    const page = await open();
    // Export with no model yet: the button is disabled, so enable it as a race between a click
    // and a lost model could.
    await page.run(() => {
      const button = document.querySelector<HTMLButtonElement>("#export-rpf")!;
      button.disabled = false;
      button.click();
    });
    const error = page.page.locator("#model-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toBe("there is no model to export yet: train one or load a model file first");
    expect(await hook(page)).toMatchObject({
      errorName: "InvalidArgumentError",
      errorCode: "invalid_argument",
      errorDetails: { field: "model" },
    });
    page.expectNoErrors();
    await page.close();
  });
});

/** Hands a file to the "Load a model" input, as choosing it in the file dialog would. */
function loadModel(page: OpenedPage, name: string, buffer: Buffer): Promise<void> {
  return page.page.getByLabel("Load a model").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
}
