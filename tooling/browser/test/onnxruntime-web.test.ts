import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, ORT_PAGE_PATH, openPage, type StaticServer, serveStatic } from "../src/index.js";
import {
  affineReference,
  buildAffineModel,
  INPUT_FEATURES,
  ORT_WEB_DIST,
  OUTPUT_FEATURES,
} from "./fixtures/affine-model.js";

/** The slice of onnxruntime-web's API the page uses (the package's types live with backend-onnx). */
interface OrtTensor {
  readonly dims: readonly number[];
  readonly location: string;
  getData(): Promise<Float32Array>;
  dispose(): void;
}
interface OrtWeb {
  env: { wasm: { numThreads?: number } };
  Tensor: new (type: "float32", data: Float32Array, dims: readonly number[]) => OrtTensor;
  InferenceSession: {
    create(
      model: Uint8Array,
      options: { executionProviders: string[]; preferredOutputLocation?: "cpu" | "gpu-buffer" },
    ): Promise<{ run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>; release(): Promise<void> }>;
  };
}
declare global {
  interface Window {
    /** Set by ort-page.html: the module namespace of the bundle named in `?bundle=`. */
    ortReady: Promise<OrtWeb>;
  }
}

/**
 * The dist bundles that carry both the `wasm` and the `webgpu` execution providers: ort.min.mjs is
 * what `import "onnxruntime-web"` gives (WebGPU through JSEP), ort.webgpu.min.mjs is
 * `onnxruntime-web/webgpu` (the native WebGPU EP, on the asyncify wasm build).
 */
const BUNDLES = ["ort.min.mjs", "ort.webgpu.min.mjs"] as const;
const EXECUTION_PROVIDERS = ["wasm", "webgpu"] as const;

const weights = Float32Array.from([0.5, -1.25, 2, 1.5, 0.75, -0.125]);
const bias = Float32Array.from([0.1, -0.2, 0.3]);
const x = Float32Array.from([1, 2, -3, 0.5, 0.25, -4, 10, 0]);
const rows = x.length / INPUT_FEATURES;
const model = buildAffineModel(weights, bias);

describe("onnxruntime-web in headless Chromium", () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: true });
    server = await serveStatic({ "/ort": ORT_WEB_DIST, "/index.html": ORT_PAGE_PATH });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("gives pages a WebGPU adapter", async () => {
    const page = await openPage(browser, `${server.url}/index.html?bundle=ort.min.mjs`);
    const adapter = await page.run(async () => {
      type AdapterInfo = { vendor: string; architecture: string; description: string; isFallbackAdapter?: boolean };
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info: AdapterInfo } | null> } }).gpu;
      const info = (await gpu?.requestAdapter())?.info;
      // GPUAdapterInfo's fields are prototype getters, which do not survive serialisation: copy them.
      return info
        ? {
            vendor: info.vendor,
            architecture: info.architecture,
            description: info.description,
            isFallbackAdapter: info.isFallbackAdapter,
          }
        : null;
    });
    console.info("WebGPU adapter:", adapter);
    expect(adapter).not.toBeNull();
    page.expectNoErrors();
    await page.close();
  });

  describe.each(BUNDLES)("%s", (bundle) => {
    it.each(EXECUTION_PROVIDERS)("runs MatMul + Add on the %s execution provider", async (executionProvider) => {
      const page = await openPage(browser, `${server.url}/index.html?bundle=${bundle}`);
      const result = await page.run(
        async ({ executionProvider, modelBytes, input, rows, inputFeatures }) => {
          const ort = await window.ortReady;
          // Two threads exercise the wasm worker path, which needs crossOriginIsolated (COOP/COEP).
          ort.env.wasm.numThreads = 2;
          const session = await ort.InferenceSession.create(Uint8Array.from(modelBytes), {
            executionProviders: [executionProvider],
            // Keeping the output on the GPU proves the webgpu provider really computed it.
            preferredOutputLocation: executionProvider === "webgpu" ? "gpu-buffer" : "cpu",
          });
          const feeds = { x: new ort.Tensor("float32", Float32Array.from(input), [rows, inputFeatures]) };
          const { y } = await session.run(feeds);
          const output = { dims: [...y!.dims], location: y!.location, values: Array.from(await y!.getData()) };
          y!.dispose();
          await session.release();
          return { ...output, crossOriginIsolated };
        },
        { executionProvider, modelBytes: Array.from(model), input: Array.from(x), rows, inputFeatures: INPUT_FEATURES },
      );

      expect(result.crossOriginIsolated).toBe(true);
      expect(result.dims).toEqual([rows, OUTPUT_FEATURES]);
      expect(result.location).toBe(executionProvider === "webgpu" ? "gpu-buffer" : "cpu");
      const expected = affineReference(x, weights, bias);
      expect(result.values).toHaveLength(expected.length);
      const largestError = Math.max(...result.values.map((value, i) => Math.abs(value - expected[i]!)));
      expect(largestError).toBeLessThanOrEqual(1e-5);
      page.expectNoErrors();
      await page.close();
    });
  });
});
