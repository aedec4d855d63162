import { setTfjsDeviceLoader } from "@rpf/backend-tfjs";
import wasmUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import simdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import threadedSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import { env } from "@tensorflow/tfjs-core";

/**
 * backend-tfjs loads a device's package with a dynamic import of its name, which a bundler cannot
 * follow; these loaders name each package statically, so Vite bundles it as a lazy chunk. The wasm
 * binaries are bundled assets too (no CDN).
 */
export function registerTfjsLoaders(): void {
  setTfjsDeviceLoader("webgpu", () => import("@tensorflow/tfjs-backend-webgpu"));
  setTfjsDeviceLoader("webgl", () => import("@tensorflow/tfjs-backend-webgl"));
  setTfjsDeviceLoader("cpu", () => import("@tensorflow/tfjs-backend-cpu"));
  setTfjsDeviceLoader("wasm", async () => {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // The threaded build starts its pthreads from a script that calls its module function by name,
    // which minification renames; and 16-wide layers gain nothing from threads anyway.
    env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    // setWasmPaths insists on all three binaries, the threaded one included, though it goes unused.
    wasm.setWasmPaths({
      "tfjs-backend-wasm.wasm": wasmUrl,
      "tfjs-backend-wasm-simd.wasm": simdUrl,
      "tfjs-backend-wasm-threaded-simd.wasm": threadedSimdUrl,
    });
    return wasm;
  });
}
