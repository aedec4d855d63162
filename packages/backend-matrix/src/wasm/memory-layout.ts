import type { KernelExports } from "./kernel-abi.js";

const PAGE_BYTES = 65536;

/** Every buffer starts on 16 bytes: the kernel loads and stores whole f64x2 pairs. */
export const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** Hands out 16-byte-aligned regions of an instance's memory, after its static data. */
export function layoutFrom(start: number): { reserve(bytes: number): number; readonly end: number } {
  let cursor = align16(start);
  return {
    reserve(bytes: number) {
      const at = cursor;
      cursor = align16(cursor + bytes);
      return at;
    },
    get end() {
      return cursor;
    },
  };
}

/** Grows the instance's memory to hold at least `bytes` (growth detaches existing views). */
export function growMemoryTo(kernel: KernelExports, bytes: number): void {
  const memory = kernel.memory;
  const missing = Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES);
  if (missing > 0) memory.grow(missing);
}
