import { InvalidArgumentError, UnsupportedError } from "@rpf/core";
import type { KernelExports } from "./kernel-abi.js";
import { KERNEL_WASM_BASE64 } from "./kernel-binary.generated.js";

/**
 * Compiles the embedded kernel once per thread (each worker has its own module cache) and hands
 * out fresh instances: each member trainer owns one, with memory sized for that member, so
 * instances never share state. Compilation is synchronous (`new WebAssembly.Module`): Node, worker
 * threads, Web Workers and (checked with Chromium 156) a page's main thread accept it for a module
 * this small. Browsers may cap synchronous compilation on the main thread by size; a refusal is
 * reported as unavailability like any other, so callers fall back to the TypeScript trainer.
 */

/** The smallest module that uses a v128 value: it validates only where WebAssembly SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x0b,
]);

/**
 * The few WebAssembly JS-API members used here, typed locally: this package compiles without DOM
 * types, and Node's types do not declare the WebAssembly namespace.
 */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
}

const webAssembly = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;

type CompileOutcome = { readonly module: object } | { readonly reason: string };

let outcome: CompileOutcome | undefined;

/**
 * Instances given back by disposed trainers and predictors, to be lent again. Each instance's
 * memory reserves address space for its whole 4 GiB range plus guard pages, and engines cap how
 * many a process may hold (Chromium 156: 125 per renderer, all workers together). A memory is
 * freed only when the collector finds it unreachable, so a released one is kept and reused
 * rather than left for the collector: a run that starts while the previous run's instances still
 * await collection needs no new ones.
 */
const idle: KernelExports[] = [];
/** Instances made on this thread, for tests that check reuse. */
let created = 0;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function compile(): CompileOutcome {
  if (!webAssembly) return { reason: "WebAssembly is not available in this JavaScript engine" };
  if (!webAssembly.validate(SIMD_PROBE)) return { reason: "this engine's WebAssembly has no SIMD (v128) support" };
  const bytes = decodeBase64(KERNEL_WASM_BASE64);
  if (!webAssembly.validate(bytes)) {
    return {
      reason: "this engine rejects the kernel (it needs WebAssembly SIMD, bulk memory and non-trapping float-to-int)",
    };
  }
  try {
    return { module: new webAssembly.Module(bytes) };
  } catch (error) {
    return { reason: `the kernel could not be compiled synchronously here: ${(error as Error).message}` };
  }
}

function compiled(): CompileOutcome {
  outcome ??= compile();
  return outcome;
}

/** Why the wasm kernel cannot run in this engine, or null when it can. */
export function wasmKernelUnavailableReason(): string | null {
  const result = compiled();
  return "reason" in result ? result.reason : null;
}

/** A new kernel instance with its own memory; throws UnsupportedError where the kernel cannot run. */
export function instantiateKernel(): KernelExports {
  created += 1;
  const result = compiled();
  if ("reason" in result) {
    throw new UnsupportedError(`the WebAssembly training kernel is unavailable: ${result.reason}`, {
      field: "wasm",
    });
  }
  return new webAssembly!.Instance(result.module, {}).exports as KernelExports;
}

/**
 * An instance for a trainer or predictor to own until it calls releaseKernel: one given back
 * earlier when there is one, with its memory above the static data zeroed (as a new instance's
 * is: trainers rely on zeroed optimiser moments), else a new one.
 * @throws {UnsupportedError} where the kernel cannot run.
 */
export function acquireKernel(): KernelExports {
  const kernel = idle.pop();
  if (!kernel) return instantiateKernel();
  new Uint8Array(kernel.memory.buffer).fill(0, kernel.heapBase());
  return kernel;
}

/** Gives an instance from acquireKernel back for reuse; its owner must not touch it again. */
export function releaseKernel(kernel: KernelExports): void {
  if (!idle.includes(kernel)) idle.push(kernel);
}

/** Instances made on this thread so far, and how many wait for reuse. */
export function kernelInstanceCounts(): { readonly created: number; readonly idle: number } {
  return { created, idle: idle.length };
}

/** A kernel instance held from acquireKernel until release; `kernel` throws once released. */
export class KernelLease {
  private lent: KernelExports | null = acquireKernel();

  /** `holder` names what holds it, for the message when it is used after release. */
  constructor(private readonly holder: string) {}

  /** @throws {InvalidArgumentError} after release. */
  get kernel(): KernelExports {
    if (!this.lent) throw new InvalidArgumentError(`this ${this.holder} was disposed`, { field: "kernel" });
    return this.lent;
  }

  /** Gives the instance back for reuse (once; later calls do nothing). */
  release(): void {
    if (this.lent) releaseKernel(this.lent);
    this.lent = null;
  }
}
