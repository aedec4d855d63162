import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtApp } from "./support/built-app.js";

/**
 * The app has no stub or alias for onnxruntime-node: backend-onnx's `#ort-packages` import picks
 * onnxruntime-web alone under the "browser" condition, so the bundle neither holds nor imports
 * the Node package, and still holds the web one.
 */
describe("onnxruntime in the built bundle", () => {
  it("imports onnxruntime-web and never onnxruntime-node", async () => {
    const root = await builtApp();
    const files = await readdir(root, { recursive: true });
    expect(files.filter((file) => file.includes("onnxruntime-node"))).toEqual([]);
    expect(files.some((file) => /(^|\/)ort\.bundle\.min-[\w-]+\.js$/.test(file))).toBe(true);
    const scripts = files.filter((file) => file.endsWith(".js"));
    for (const file of scripts) {
      const text = await readFile(join(root, file), "utf8");
      expect(/(import\(|from)\s*[`"'][^`"']*onnxruntime-node/.test(text), `${file} imports onnxruntime-node`).toBe(
        false,
      );
    }
  });
});
