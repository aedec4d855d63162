import { fileURLToPath } from "node:url";

/**
 * A page that imports the onnxruntime-web bundle named in its `?bundle=` query from `/ort/` and
 * exposes the module as `window.ortReady`. Serve onnxruntime-web's dist folder at `/ort`.
 */
export const ORT_PAGE_PATH = fileURLToPath(new URL("../assets/ort-page.html", import.meta.url));
