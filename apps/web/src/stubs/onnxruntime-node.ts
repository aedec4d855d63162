/**
 * backend-onnx keeps a loader for onnxruntime-node, which a browser never calls (its routes use
 * onnxruntime-web). Vite aliases the package to this module, so the Node build and its native
 * binding stay out of the bundle.
 */
throw new Error("onnxruntime-node runs in Node.js only; in the browser rpf uses onnxruntime-web");

export {};
