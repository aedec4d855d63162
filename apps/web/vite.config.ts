import { defaultClientConditions, defineConfig } from "vite";

/**
 * Cross-origin isolation lets tfjs and onnxruntime use wasm threads where they want them; the
 * test server sends the same headers, so dev, preview and tests run the same code paths.
 */
const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  // Relative asset URLs, so the build works from any path (a sub-folder, a test server's root).
  base: "./",
  resolve: {
    // Workspace packages resolve to their TypeScript sources: no package build is needed first.
    conditions: ["@rpf/source", ...defaultClientConditions],
  },
  worker: {
    // ES workers can code-split: each tfjs device and onnxruntime load only when first chosen.
    format: "es",
  },
  optimizeDeps: {
    // Crawl the worker at start-up too, so the dev server does not discover tfjs on first Train
    // and reload the page.
    entries: ["index.html", "src/worker/training-worker.ts"],
    // Pre-bundling moves onnxruntime-web away from its .wasm; the app sets the paths itself anyway.
    exclude: ["onnxruntime-web"],
  },
  build: {
    outDir: "dist",
    target: "es2022",
    // tfjs and onnxruntime are large by nature and are loaded lazily, per device.
    chunkSizeWarningLimit: 2048,
  },
  server: { host: "127.0.0.1", headers: ISOLATION_HEADERS },
  preview: { host: "127.0.0.1", headers: ISOLATION_HEADERS },
});
