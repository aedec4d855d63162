import { ACTIVATION_CODES } from "./kernel-abi.js";
import { instantiateKernel } from "./kernel-loader.js";

/**
 * Whether this engine's Math.expm1, Math.tanh and Math.log round as the kernel's fdlibm code (V8
 * in Node 20 does; kernel-maths.test.ts checks the kernel against fdlibm itself). Only then do ELU
 * and tanh networks and the Gaussian head give the same bits on the wasm kernel and in
 * TypeScript; relu and identity networks with the mse head do on any engine.
 */
export const ENGINE_MATH_IS_KERNEL_MATH = (() => {
  const probe = Float64Array.from({ length: 20_000 }, (_, i) => -40 + (80 * i) / 20_000);
  const kernel = instantiateKernel();
  const src = Math.ceil(kernel.heapBase() / 16) * 16;
  const dst = src + probe.length * 8;
  kernel.memory.grow(Math.ceil((dst + probe.length * 8) / 65536));
  new Float64Array(kernel.memory.buffer).set(probe, src / 8);
  const agrees = (reference: (x: number) => number) =>
    new Float64Array(kernel.memory.buffer, dst, probe.length).every((v, i) => Object.is(v, reference(probe[i]!)));
  kernel.expm1Array(src, dst, probe.length);
  const expm1Agrees = agrees(Math.expm1);
  kernel.activateArray(ACTIVATION_CODES.tanh!, src, dst, probe.length);
  const tanhAgrees = agrees(Math.tanh);
  // log's domain: the probe's values exponentiated span e^−40 to e^40.
  new Float64Array(kernel.memory.buffer).set(probe.map(Math.exp), src / 8);
  kernel.logArray(src, dst, probe.length);
  const probeExp = probe.map(Math.exp);
  const logAgrees = new Float64Array(kernel.memory.buffer, dst, probe.length).every((v, i) =>
    Object.is(v, Math.log(probeExp[i]!)),
  );
  return expm1Agrees && tanhAgrees && logAgrees;
})();
