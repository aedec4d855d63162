const scratch = new DataView(new ArrayBuffer(4));

/** The float32 whose IEEE-754 bits are `bits`. */
export function float32FromBits(bits: number): number {
  scratch.setUint32(0, bits >>> 0);
  return scratch.getFloat32(0);
}

/** The next float32 after `value` in the direction of `toward` (numpy's `nextafter` for float32). */
export function nextAfterFloat32(value: number, toward: number): number {
  const start = Math.fround(value);
  if (Number.isNaN(start) || Number.isNaN(toward)) return Number.NaN;
  if (start === toward) return start;
  if (start === 0) return toward > 0 ? float32FromBits(1) : -float32FromBits(1);
  scratch.setFloat32(0, start);
  const bits = scratch.getUint32(0);
  const awayFromZero = start > 0 === toward > start;
  return float32FromBits(awayFromZero ? bits + 1 : bits - 1);
}
