import { dirname } from "node:path";
import { launchChromium, ORT_PAGE_PATH, openPage, type StaticServer, serveStatic } from "@rpf/browser-testing";
import type { Prediction } from "@rpf/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportOnnx } from "../src/export/export-onnx.js";
import { trainedSeedModel } from "../src/seed-model.fixture.js";
import { closenessTo, yeoJohnsonCase } from "../src/yeo-johnson-model.fixture.js";

/** onnxruntime-web's dist folder: each bundle loads its .wasm from beside itself. */
const ORT_WEB_DIST = dirname(import.meta.resolve("onnxruntime-web").replace("file://", ""));

interface PageTensor {
  dims: readonly number[];
  location: string;
  getData(): Promise<Float32Array>;
}
interface PageOrt {
  env: { wasm: { numThreads?: number } };
  Tensor: new (type: "float32", data: Float32Array, dims: readonly number[]) => PageTensor;
  InferenceSession: {
    create(
      model: Uint8Array,
      options: { executionProviders: string[]; graphOptimizationLevel: string; preferredOutputLocation: string },
    ): Promise<{
      run(feeds: Record<string, PageTensor>): Promise<Record<string, PageTensor>>;
      release(): Promise<void>;
    }>;
  };
}
declare global {
  interface Window {
    ortReady: Promise<PageOrt>;
  }
}

function maxAbsDiff(actual: readonly number[], expected: Float32Array): number {
  return actual.reduce((worst, value, i) => Math.max(worst, Math.abs(value - expected[i]!)), 0);
}

describe("the exported seed ensemble in headless Chromium (onnxruntime-web)", () => {
  let browser: Browser;
  let server: StaticServer;
  let model: Uint8Array;
  let grid: Float32Array;
  let reference: Prediction;

  beforeAll(async () => {
    const seed = await trainedSeedModel();
    model = exportOnnx(seed.model);
    grid = seed.grid;
    reference = seed.matrixPrediction;
    browser = await launchChromium({ webgpu: true });
    server = await serveStatic({ "/ort": ORT_WEB_DIST, "/index.html": ORT_PAGE_PATH });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(["wasm", "webgpu"])(
    "predicts the 1000-point grid like backend-matrix within 1e-5 on %s",
    async (executionProvider) => {
      const page = await openPage(browser, `${server.url}/index.html?bundle=ort.min.mjs`);
      const outputs = await page.run(
        async ({ executionProvider, modelBytes, input }) => {
          const ort = await window.ortReady;
          // Outputs left on the GPU prove the webgpu provider computed them (no silent fallback).
          const session = await ort.InferenceSession.create(Uint8Array.from(modelBytes), {
            executionProviders: [executionProvider],
            graphOptimizationLevel: "all",
            preferredOutputLocation: executionProvider === "webgpu" ? "gpu-buffer" : "cpu",
          });
          const result = await session.run({
            x: new ort.Tensor("float32", Float32Array.from(input), [input.length, 1]),
          });
          const read = async (name: string) => ({
            dims: [...result[name]!.dims],
            location: result[name]!.location,
            values: Array.from(await result[name]!.getData()),
          });
          const out = { mean: await read("mean"), std: await read("std"), members: await read("members") };
          await session.release();
          return out;
        },
        { executionProvider, modelBytes: Array.from(model), input: Array.from(grid) },
      );
      expect(outputs.mean.location).toBe(executionProvider === "webgpu" ? "gpu-buffer" : "cpu");
      expect(outputs.mean.dims).toEqual([1000, 1]);
      expect(outputs.members.dims).toEqual([9, 1000, 1]);
      expect(maxAbsDiff(outputs.mean.values, reference.mean)).toBeLessThan(1e-5);
      expect(maxAbsDiff(outputs.std.values, reference.std)).toBeLessThan(1e-5);
      page.expectNoErrors();
      await page.close();
    },
  );
  it.each(["wasm", "webgpu"])(
    "runs an ensemble with the Yeo-Johnson input transform as core predicts it on %s",
    async (executionProvider) => {
      const { model: transformed, x, width, expected } = yeoJohnsonCase();
      const page = await openPage(browser, `${server.url}/index.html?bundle=ort.min.mjs`);
      const members = await page.run(
        async ({ executionProvider, modelBytes, input, width }) => {
          const ort = await window.ortReady;
          const session = await ort.InferenceSession.create(Uint8Array.from(modelBytes), {
            executionProviders: [executionProvider],
            graphOptimizationLevel: "all",
            preferredOutputLocation: "cpu",
          });
          const result = await session.run({
            x: new ort.Tensor("float32", Float32Array.from(input), [input.length / width, width]),
          });
          const values = Array.from(await result.members!.getData());
          await session.release();
          return values;
        },
        { executionProvider, modelBytes: Array.from(exportOnnx(transformed)), input: Array.from(x), width },
      );
      const closeness = closenessTo(members, expected.members);
      expect(closeness.ok, `max |Δ| ${closeness.maxAbs} (${closeness.maxRel} relative)`).toBe(true);
      page.expectNoErrors();
      await page.close();
    },
  );
});
