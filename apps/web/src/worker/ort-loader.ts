import { setOnnxRuntimeLoader } from "@rpf/backend-onnx";
import ortWasmUrl from "onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url";

/**
 * onnxruntime-web's default bundle has its wasm glue inlined and fetches one binary, the JSEP build
 * that serves both the wasm and webgpu providers; it is a bundled asset here, not a CDN file.
 * One thread: the playground's models are tiny, and a single thread needs no nested workers.
 */
export function registerOrtLoader(): void {
  setOnnxRuntimeLoader("onnxruntime-web", async () => {
    const ort = await import("onnxruntime-web");
    ort.env.wasm.wasmPaths = { wasm: ortWasmUrl };
    ort.env.wasm.numThreads = 1;
    return ort;
  });
}
